//! The JWT signing secret: `KIEMDIEM_JWT_SECRET`, or one generated once and kept in the data
//! directory with mode 0600, so that restarts keep sessions. Never a default in code.

use std::io::Write;
use std::path::Path;

pub const MIN_LENGTH: usize = 32;

pub fn load_or_create(from_env: Option<String>, data_dir: &Path) -> Result<Vec<u8>, String> {
    if let Some(secret) = from_env {
        if secret.len() < MIN_LENGTH {
            return Err(format!(
                "KIEMDIEM_JWT_SECRET must be at least {MIN_LENGTH} characters"
            ));
        }
        return Ok(secret.into_bytes());
    }
    let path = data_dir.join("jwt-secret");
    match std::fs::read_to_string(&path) {
        Ok(s) if s.trim().len() >= MIN_LENGTH => return Ok(s.trim().as_bytes().to_vec()),
        Ok(_) => {
            return Err(format!(
                "{} is too short: delete it to make a new one",
                path.display()
            ));
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    }
    std::fs::create_dir_all(data_dir)
        .map_err(|e| format!("cannot create {}: {e}", data_dir.display()))?;
    let secret = super::random_token().map_err(|e| e.to_string())?
        + &super::random_token().map_err(|e| e.to_string())?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(&path)
        .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    file.write_all(secret.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    tracing::info!(path = %path.display(), "generated a JWT secret");
    Ok(secret.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_secret_is_private_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let first = load_or_create(None, dir.path()).unwrap();
        assert!(first.len() >= MIN_LENGTH);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join("jwt-secret"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert_eq!(
            load_or_create(None, dir.path()).unwrap(),
            first,
            "restarts keep sessions"
        );
    }

    #[test]
    fn a_short_secret_from_the_environment_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert!(load_or_create(Some("short".into()), dir.path()).is_err());
        assert_eq!(
            load_or_create(Some("x".repeat(40)), dir.path()).unwrap(),
            "x".repeat(40).into_bytes()
        );
    }
}
