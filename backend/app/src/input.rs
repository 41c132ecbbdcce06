//! What the use cases' inputs share: validators of their fields (run by the API's extractor
//! before a use case is called, 422 with every invalid field) and the serde helper that tells
//! an absent field from an explicit null (PATCH bodies).

use serde::{Deserialize, Deserializer};
use std::borrow::Cow;
use validator::ValidationError;

/// Codes and usernames: letters, digits, `.`, `_`, `-`.
pub fn validate_code(value: &str) -> Result<(), ValidationError> {
    if value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
    {
        Ok(())
    } else {
        Err(ValidationError::new("pattern").with_message(Cow::Borrowed(
            "Chỉ dùng chữ không dấu, chữ số và các dấu . _ -",
        )))
    }
}

/// Names of people and organisations: no bidi controls or zero-width characters (issue #13).
pub fn validate_name(value: &str) -> Result<(), ValidationError> {
    match kiemdiem_domain::text::name_problem(value) {
        None => Ok(()),
        Some(message) => Err(
            ValidationError::new(kiemdiem_domain::text::INVALID_CHARACTERS)
                .with_message(Cow::Owned(message)),
        ),
    }
}

/// Distinguishes an absent field (`None`) from an explicit null (`Some(None)`).
pub fn nullable<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}
