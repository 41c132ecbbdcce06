//! The self-review's path (bản tự kiểm điểm, M3; GLOSSARY `self_review`): `draft` →
//! `submitted` → `returned` (back to the member, who edits and submits again) or `accepted`.
//! Stored as its name; the store parses it on reading, so a name it does not know is an error
//! there, not a string compared later.

/// Where a member's self-review stands (`not_started` is the absence of one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    Draft,
    Submitted,
    Returned,
    Accepted,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Draft,
        Status::Submitted,
        Status::Returned,
        Status::Accepted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::Returned => "returned",
            Status::Accepted => "accepted",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// The member (or the branch committee entering a paper form) may still write it: a draft,
    /// or one returned with a comment. Submitted or accepted, it waits or is final (M3).
    pub fn is_editable(self) -> bool {
        matches!(self, Status::Draft | Status::Returned)
    }

    /// What the branch committee decides on: a submitted one, returned or accepted.
    pub fn awaits_decision(self) -> bool {
        self == Status::Submitted
    }

    /// M3: the member has submitted a self-review (waiting or accepted), which classification
    /// requires.
    pub fn counts_as_submitted(self) -> bool {
        matches!(self, Status::Submitted | Status::Accepted)
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How the store reads a status (`#[diesel(deserialize_as = String)]`).
impl TryFrom<String> for Status {
    type Error = String;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        Status::parse(&s).ok_or_else(|| format!("unknown self-review status {s:?}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn m3_a_self_review_moves_draft_submitted_then_returned_or_accepted() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
            assert_eq!(Status::try_from(s.as_str().to_owned()), Ok(s));
        }
        assert!(Status::try_from("closed".to_owned()).is_err());
        // Written while a draft or returned; decided while submitted; counted once submitted.
        let editable: Vec<_> = Status::ALL
            .into_iter()
            .filter(|s| s.is_editable())
            .collect();
        assert_eq!(editable, [Status::Draft, Status::Returned]);
        let decided: Vec<_> = Status::ALL
            .into_iter()
            .filter(|s| s.awaits_decision())
            .collect();
        assert_eq!(decided, [Status::Submitted]);
        let counted: Vec<_> = Status::ALL
            .into_iter()
            .filter(|s| s.counts_as_submitted())
            .collect();
        assert_eq!(counted, [Status::Submitted, Status::Accepted]);
    }
}
