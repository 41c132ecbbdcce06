//! Authentication at the HTTP edge: access tokens (JWT HS256), refresh tokens (opaque, stored
//! hashed), login throttling, and the `Principal` extractor every endpoint uses. Passwords
//! (Argon2id) are `kiemdiem_app::password`, re-exported here; sessions' use cases are
//! `kiemdiem_app::sessions`.

pub mod jwt;
pub use kiemdiem_app::password;
pub mod principal;
pub mod secret;
pub mod throttle;

pub use principal::Principal;

/// JSON fields that carry a password, a token or a secret, in requests or answers: never
/// normalised (compared byte for byte) and never kept by the idempotency store (#13).
pub const SECRET_FIELDS: [&str; 7] = [
    "password",
    "current_password",
    "new_password",
    "client_secret",
    "secret",
    "access_token",
    "refresh_token",
];

use base64::Engine;
use sha2::{Digest, Sha256};

/// A random opaque token: 32 bytes from the OS, base64url.
pub fn random_token() -> Result<String, crate::error::ApiError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| crate::error::ApiError::Internal(format!("no randomness: {e}")))?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

/// How opaque tokens are stored: SHA-256, hex.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
