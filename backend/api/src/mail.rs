//! The agenda by e-mail over SMTP (issue #17), off unless `KIEMDIEM_SMTP_URL` is set. The
//! messages are written by `kiemdiem_app::agenda_mail`; this module only carries them, with
//! `lettre` (maintained, does SMTP, STARTTLS and SMTPS with rustls, and builds MIME messages
//! with UTF-8 subjects) — its synchronous transport runs on the blocking pool, inside the
//! transaction that claims the day, so a refused message leaves the day unclaimed.
//!
//! The URL is lettre's: `smtp://host:25` (STARTTLS when offered), `smtp://host:587?tls=required`,
//! `smtps://user:password@host:465`. It is a secret (it may hold a password): never logged.

use crate::error::ApiError;
use crate::state::AppState;
use chrono::{NaiveDate, Timelike};
use kiemdiem_app::AppError;
use kiemdiem_app::agenda_mail::{AgendaMail, Round, send_due};
use kiemdiem_store::AnyConnection;
use lettre::message::Mailbox;
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::{Message, SmtpTransport, Transport};
use std::sync::Arc;
use std::time::Duration;

/// What sends the agenda: the SMTP server, the sender, and where users open the app.
pub struct Mailer {
    transport: SmtpTransport,
    from: Mailbox,
    /// `KIEMDIEM_PUBLIC_URL`: the links in the message start with it.
    public_url: Option<String>,
}

impl Mailer {
    /// A mailer for lettre's SMTP `url`, sending as `from` ("Tên <dia.chi@…>" or an address).
    pub fn new(url: &str, from: &str, public_url: Option<String>) -> Result<Mailer, String> {
        let transport = SmtpTransport::from_url(url)
            // The URL may hold a password: say what is wrong without repeating it.
            .map_err(|_| {
                "KIEMDIEM_SMTP_URL is not an SMTP URL (smtp://host:port, smtps://…)".to_string()
            })?
            .timeout(Some(Duration::from_secs(30)))
            .build();
        let from = from
            .parse::<Mailbox>()
            .map_err(|e| format!("KIEMDIEM_SMTP_FROM '{from}': {e}"))?;
        Ok(Mailer {
            transport,
            from,
            public_url,
        })
    }

    /// Hands one message to the SMTP server; the error says why, without the message.
    pub fn send(&self, mail: &AgendaMail) -> Result<(), String> {
        let to = Mailbox::new(
            Some(mail.to_name.clone()),
            mail.to.parse().map_err(|e| format!("recipient: {e}"))?,
        );
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            // Vietnamese text: base64 travels through every relay, 8-bit or not.
            .header(ContentTransferEncoding::Base64)
            .body(mail.body.clone())
            .map_err(|e| e.to_string())?;
        self.transport
            .send(&message)
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    /// One round as of `today` on this connection (the command line's `mail-agenda`).
    pub fn round_on(&self, conn: &mut AnyConnection, today: NaiveDate) -> Result<Round, AppError> {
        let mut send = |m: &AgendaMail| {
            self.send(m).inspect_err(|e| {
                // The reason only (a refused address, a server down), never the text.
                tracing::warn!(reason = %e, "agenda e-mail refused");
            })
        };
        send_due(conn, today, self.public_url.as_deref(), &mut send)
    }

    /// One round as of `today`: everyone due a message and not yet written to that day.
    pub async fn round(
        self: &Arc<Self>,
        state: &AppState,
        today: NaiveDate,
    ) -> Result<Round, ApiError> {
        let mailer = Arc::clone(self);
        state.run(move |conn| mailer.round_on(conn, today)).await
    }
}

/// Every ten minutes from `hour` o'clock (Vietnam's time), writes to those not yet written to
/// today; a server started later in the day sends that day's round at once.
pub fn spawn_daily(state: AppState, mailer: Arc<Mailer>, hour: u32) {
    actix_web::rt::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(600));
        loop {
            tick.tick().await;
            let now = kiemdiem_app::now_local();
            if now.hour() < hour {
                continue;
            }
            match mailer.round(&state, now.date()).await {
                Ok(r) if r.sent + r.failed > 0 => tracing::info!(
                    sent = r.sent,
                    failed = r.failed,
                    empty = r.empty,
                    already = r.already,
                    "agenda e-mails"
                ),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "agenda e-mails"),
            }
        }
    });
}
