//! A branch's voting session (guidance 2.2.4; M5–M7, Q1–Q4): `open` while ballots are cast or
//! paper tallies entered, `closed` when electronic voting has ended and the counts are sealed,
//! `finalized` when the branch has fixed its results, then `approved` or `returned` by the base
//! committee's appraisal. Stored as its name; the store parses it on reading.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SessionStatus {
    Open,
    Closed,
    Finalized,
    Approved,
    Returned,
}

impl SessionStatus {
    pub const ALL: [SessionStatus; 5] = [
        SessionStatus::Open,
        SessionStatus::Closed,
        SessionStatus::Finalized,
        SessionStatus::Approved,
        SessionStatus::Returned,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SessionStatus::Open => "open",
            SessionStatus::Closed => "closed",
            SessionStatus::Finalized => "finalized",
            SessionStatus::Approved => "approved",
            SessionStatus::Returned => "returned",
        }
    }

    pub fn parse(s: &str) -> Option<SessionStatus> {
        SessionStatus::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// Still being voted or tallied: another session of the branch cannot be opened beside it.
    pub fn is_running(self) -> bool {
        matches!(self, SessionStatus::Open | SessionStatus::Closed)
    }

    /// Its results stand (finalized, or approved by the appraisal): the branch is classified
    /// and only a supplementary session or a re-classification (M12) changes a result.
    pub fn has_results(self) -> bool {
        matches!(self, SessionStatus::Finalized | SessionStatus::Approved)
    }
}

impl std::fmt::Display for SessionStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How the store reads a status (`#[diesel(deserialize_as = String)]`).
impl TryFrom<String> for SessionStatus {
    type Error = String;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        SessionStatus::parse(&s).ok_or_else(|| format!("unknown voting session status {s:?}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn m5_a_session_runs_open_then_closed_and_its_results_stand_once_finalized() {
        for s in SessionStatus::ALL {
            assert_eq!(SessionStatus::try_from(s.as_str().to_owned()), Ok(s));
        }
        assert!(SessionStatus::try_from("draft".to_owned()).is_err());
        let running: Vec<_> = SessionStatus::ALL
            .into_iter()
            .filter(|s| s.is_running())
            .collect();
        assert_eq!(running, [SessionStatus::Open, SessionStatus::Closed]);
        let standing: Vec<_> = SessionStatus::ALL
            .into_iter()
            .filter(|s| s.has_results())
            .collect();
        assert_eq!(
            standing,
            [SessionStatus::Finalized, SessionStatus::Approved]
        );
    }
}
