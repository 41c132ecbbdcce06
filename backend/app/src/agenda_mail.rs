//! The agenda by e-mail (issue #17), off unless an SMTP server is configured
//! (`KIEMDIEM_SMTP_URL`): once a day, each active login with an address and something on its
//! agenda receives one message listing the items, the late first, each with its due date and
//! the link to act on it — the same items as `GET /me/agenda`, computed as of that day.
//!
//! Choices, where the issue is silent:
//! - The address is the login's own (`users.email`: a mass organisation's account has no member
//!   record), else the e-mail of the member record the login is linked to.
//! - Nobody is written to about an empty agenda.
//! - One message per person per day, whoever sends it: the day is claimed (`agenda_mails`, the
//!   primary key `(user_id, sent_on)`) in the transaction that sends, and the claim is rolled
//!   back when the SMTP server refuses, so the next round tries again. On PostgreSQL a second
//!   instance's claim waits for the first's transaction and then finds the day taken.
//! - Nothing of the message is logged; the summary counts only.

use crate::AppError;
use crate::actor::Actor;
use crate::agenda::{Agenda, agenda, dmy};
use chrono::NaiveDate;
use kiemdiem_store::{AnyConnection, agenda_mails, users};
use serde::Serialize;

/// One message, ready for the transport.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaMail {
    pub to: String,
    pub to_name: String,
    pub subject: String,
    /// Plain text, UTF-8.
    pub body: String,
}

/// What one round did, in counts (nothing personal: this is what the log shows).
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct Round {
    /// Messages the SMTP server accepted.
    pub sent: usize,
    /// Recipients with nothing on their agenda.
    pub empty: usize,
    /// Recipients already written to that day.
    pub already: usize,
    /// Messages the server refused (tried again at the next round).
    pub failed: usize,
}

/// The subject and the text of the agenda of `name` as of `today`; links start with
/// `public_url` (the address users open the app at) when it is known.
pub fn compose(
    name: &str,
    agenda: &Agenda,
    today: NaiveDate,
    public_url: Option<&str>,
) -> (String, String) {
    let n = agenda.items.len();
    let subject = if agenda.late > 0 {
        format!(
            "[Kiểm điểm] {n} việc cần làm, {} việc quá hạn ({})",
            agenda.late,
            dmy(today)
        )
    } else {
        format!("[Kiểm điểm] {n} việc cần làm ({})", dmy(today))
    };
    let base = public_url.map(|u| u.trim_end_matches('/'));
    let mut body = format!(
        "Kính gửi đồng chí {name},\n\nĐến ngày {}, đồng chí có {n} việc cần làm trên hệ thống \
         kiểm điểm, đánh giá, xếp loại{}:\n\n",
        dmy(today),
        if agenda.late > 0 {
            format!(" ({} việc đã quá hạn)", agenda.late)
        } else {
            String::new()
        }
    );
    for (i, item) in agenda.items.iter().enumerate() {
        body.push_str(&format!("{}. {}", i + 1, item.message));
        match (item.due_on, item.late) {
            (Some(d), true) => body.push_str(&format!(" — QUÁ HẠN (hạn {})", dmy(d))),
            (Some(d), false) => body.push_str(&format!(" — hạn {}", dmy(d))),
            (None, _) => {}
        }
        body.push('\n');
        if let Some(base) = base {
            body.push_str(&format!("   {base}{}\n", item.route));
        }
    }
    body.push_str(
        "\nThư này do hệ thống gửi tự động mỗi ngày khi đồng chí có việc cần làm; \
         xin không trả lời thư này.\n",
    );
    (subject, body)
}

/// Writes to everyone due a message on `today`: computes each agenda, claims the day and
/// hands the message to `send` in one transaction per person (a refusal rolls the claim back).
pub fn send_due(
    conn: &mut AnyConnection,
    today: NaiveDate,
    public_url: Option<&str>,
    send: &mut dyn FnMut(&AgendaMail) -> Result<(), String>,
) -> Result<Round, AppError> {
    let mut round = Round::default();
    for r in agenda_mails::recipients(conn, today)? {
        if r.mailed {
            round.already += 1;
            continue;
        }
        let Some(user) = users::get(conn, r.user_id)? else {
            continue;
        };
        let assignments = users::assignments(conn, user.id)?;
        let actor = Actor::of_user(&user, assignments);
        let items = agenda(conn, &actor, today)?;
        if items.items.is_empty() {
            round.empty += 1;
            continue;
        }
        let (subject, body) = compose(&user.display_name, &items, today, public_url);
        let mail = AgendaMail {
            to: r.email,
            to_name: user.display_name.clone(),
            subject,
            body,
        };
        let count = i32::try_from(items.items.len()).unwrap_or(i32::MAX);
        let outcome = kiemdiem_store::db::write_tx(conn, |conn| {
            if !agenda_mails::claim(conn, user.id, today, count)? {
                return Ok(Outcome::Already);
            }
            match send(&mail) {
                Ok(()) => Ok(Outcome::Sent),
                Err(_) => Err(Failed::Refused),
            }
        });
        match outcome {
            Ok(Outcome::Sent) => round.sent += 1,
            Ok(Outcome::Already) => round.already += 1,
            Err(Failed::Refused) => round.failed += 1,
            Err(Failed::Store(e)) => return Err(e.into()),
        }
    }
    Ok(round)
}

enum Outcome {
    Sent,
    Already,
}

enum Failed {
    Refused,
    Store(kiemdiem_store::StoreError),
}

impl From<kiemdiem_store::StoreError> for Failed {
    fn from(e: kiemdiem_store::StoreError) -> Self {
        Failed::Store(e)
    }
}
