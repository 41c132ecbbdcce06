//! Passwords: Argon2id with the OWASP parameters (m = 19456 KiB, t = 2, p = 1).

use crate::error::AppError;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::OnceLock;

pub const MIN_LENGTH: usize = 10;
const M_COST: u32 = 19_456;
const T_COST: u32 = 2;
const P_COST: u32 = 1;

fn hasher() -> Result<Argon2<'static>, AppError> {
    let params = Params::new(M_COST, T_COST, P_COST, None)
        .map_err(|e| AppError::Internal(format!("argon2 parameters: {e}")))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

pub fn hash(password: &str) -> Result<String, AppError> {
    hasher()?
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| AppError::Internal(format!("argon2 hash: {e}")))
}

pub struct Verified {
    pub ok: bool,
    /// The stored hash uses other parameters than today's: store a new one.
    pub needs_rehash: bool,
}

pub fn verify(password: &str, stored: &str) -> Verified {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return Verified {
            ok: false,
            needs_rehash: false,
        };
    };
    let ok = hasher()
        .map(|h| h.verify_password(password.as_bytes(), &parsed).is_ok())
        .unwrap_or(false);
    let current = parsed.algorithm.as_str() == "argon2id"
        && Params::try_from(&parsed)
            .is_ok_and(|p| p.m_cost() == M_COST && p.t_cost() == T_COST && p.p_cost() == P_COST);
    Verified {
        ok,
        needs_rehash: ok && !current,
    }
}

/// Verifies against a fixed hash, so that an unknown user costs as much as a wrong password.
pub fn verify_dummy(password: &str) {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let stored = DUMMY.get_or_init(|| hash("kiemdiem-timing-equaliser").unwrap_or_default());
    let _ = verify(password, stored);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_with_owasp_parameters_and_verify() {
        let h = hash("mật khẩu đủ dài").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        let v = verify("mật khẩu đủ dài", &h);
        assert!(v.ok && !v.needs_rehash);
        assert!(!verify("mật khẩu sai rồi", &h).ok);
    }

    #[test]
    fn a_hash_with_old_parameters_asks_for_a_rehash() {
        let old = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(8192, 1, 1, None).unwrap(),
        )
        .hash_password(b"0123456789")
        .unwrap()
        .to_string();
        let v = verify("0123456789", &old);
        assert!(v.ok && v.needs_rehash);
    }
}
