//! Rule sets (RULES.md preamble): the ones built in and the copies an administrator made.

use crate::error::AppError;
use kiemdiem_domain::rule_set::{self, RuleSet};
use kiemdiem_store::AnyConnection;

/// The rule sets built in; administrators add copies (`POST /rule-sets`).
pub const RULE_SETS: [&str; 1] = [rule_set::DEFAULT];

/// A rule set by name: built in, or made by an administrator.
pub fn find(conn: &mut AnyConnection, name: &str) -> Result<Option<RuleSet>, AppError> {
    if RULE_SETS.contains(&name) {
        return Ok(rule_set::builtin(name));
    }
    match kiemdiem_store::rule_sets::get(conn, name)? {
        Some(s) => serde_json::from_str(&s.rules_json)
            .map(Some)
            .map_err(|e| AppError::Internal(format!("rule set {name}: {e}"))),
        None => Ok(None),
    }
}
