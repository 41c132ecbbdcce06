//! Administration done from the command line (`kiemdiem create-admin`).

use crate::auth::password;
use crate::error::{ApiError, FieldError};
use kiemdiem_store::{AnyConnection, db::write_tx, tokens, users};

/// Creates an administrator, or gives an existing user a new password and the admin role.
/// Returns what was done, for the operator.
pub fn create_admin(
    conn: &mut AnyConnection,
    username: &str,
    new_password: &str,
    display_name: &str,
) -> Result<String, ApiError> {
    let mut errors = Vec::new();
    if username.len() < 3 || crate::http::validate_code(username).is_err() {
        errors.push(FieldError {
            field: "username".into(),
            code: "pattern".into(),
            message: "Tên đăng nhập: ít nhất 3 ký tự, chữ không dấu, chữ số, . _ -".into(),
        });
    }
    if new_password.chars().count() < password::MIN_LENGTH {
        errors.push(FieldError {
            field: "password".into(),
            code: "length".into(),
            message: format!("Mật khẩu phải có ít nhất {} ký tự", password::MIN_LENGTH),
        });
    }
    if !errors.is_empty() {
        let detail = errors
            .iter()
            .map(|e| e.message.clone())
            .collect::<Vec<_>>()
            .join("; ");
        return Err(ApiError::bad_request("invalid_admin", detail));
    }
    let hash = password::hash(new_password)?;
    write_tx(conn, |conn| {
        let (user, created) = match users::by_username(conn, username)? {
            Some(u) => {
                users::set_password_hash(conn, u.id, &hash, true)?;
                users::update_profile(conn, u.id, None, Some(true))?;
                tokens::revoke_user(conn, u.id)?;
                (u, false)
            }
            None => (
                users::create(
                    conn,
                    users::NewUser {
                        username,
                        display_name,
                        password_hash: &hash,
                        member_id: None,
                    },
                )?,
                true,
            ),
        };
        let is_admin = users::assignments(conn, user.id)?
            .iter()
            .any(|a| a.role == "admin");
        if !is_admin {
            users::add_assignment(conn, user.id, "admin", None)?;
        }
        kiemdiem_app::Actor::system("cli")
            .audit(
                if created {
                    "create_admin"
                } else {
                    "reset_admin"
                },
                "user",
            )
            .id(user.id)
            .after(&serde_json::json!({ "username": username, "role": "admin" }))
            .record(conn)?;
        Ok(if created {
            format!("created the administrator '{username}'")
        } else {
            format!("'{username}' is an administrator with a new password")
        })
    })
}
