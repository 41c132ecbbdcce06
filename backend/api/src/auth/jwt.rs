//! Access tokens: JWT HS256 with sub, iat, exp, iss, aud, jti. Validation pins the algorithm,
//! requires every claim, and rejects everything else.

use crate::error::ApiError;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use serde::{Deserialize, Serialize};

pub const ISSUER: &str = "kiemdiem";
pub const AUDIENCE: &str = "kiemdiem-api";
pub const ACCESS_TTL_SECONDS: i64 = 15 * 60;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Claims {
    /// `user:{id}` or `service:{id}`.
    pub sub: String,
    pub iat: i64,
    pub exp: i64,
    pub iss: String,
    pub aud: String,
    pub jti: String,
    /// The user's token epoch when issued: a newer epoch revokes the token.
    pub ver: i32,
    /// The refresh-token family of a user's session: logging out, or a revoked family,
    /// ends the access tokens issued in it too (issue #13). Absent for service accounts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fam: Option<String>,
}

pub struct Keys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
}

impl Keys {
    pub fn new(secret: &[u8]) -> Keys {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iat", "iss", "aud", "sub"]);
        validation.leeway = 5;
        validation.validate_exp = true;
        validation.validate_nbf = true;
        Keys {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
        }
    }

    pub fn issue(&self, sub: String, ver: i32) -> Result<(String, Claims), ApiError> {
        self.issue_in(sub, ver, None)
    }

    /// An access token of the session `fam` (a refresh-token family).
    pub fn issue_in(
        &self,
        sub: String,
        ver: i32,
        fam: Option<String>,
    ) -> Result<(String, Claims), ApiError> {
        let now = chrono::Utc::now().timestamp();
        let claims = Claims {
            sub,
            iat: now,
            exp: now + ACCESS_TTL_SECONDS,
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            jti: uuid::Uuid::new_v4().to_string(),
            ver,
            fam,
        };
        let token = encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| ApiError::Internal(format!("jwt encode: {e}")))?;
        Ok((token, claims))
    }

    pub fn verify(&self, token: &str) -> Result<Claims, ApiError> {
        decode::<Claims>(token, &self.decoding, &self.validation)
            .map(|data| data.claims)
            .map_err(|e| {
                tracing::debug!(error = %e, "access token rejected");
                ApiError::unauthorized()
            })
    }
}
