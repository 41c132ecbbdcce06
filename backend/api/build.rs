//! The route table of `crate::limits` (405 with `Allow`), at build time from the committed
//! OpenAPI document, so that `limits` does not import the routes that import it (issue #14).
//! `foundation::committed_spec_is_current` keeps the document equal to the routes served.

use std::error::Error;
use std::fmt::Write;
use std::path::Path;

fn main() -> Result<(), Box<dyn Error>> {
    let manifest = std::env::var("CARGO_MANIFEST_DIR")?;
    let spec = Path::new(&manifest).join("../../openapi/openapi.json");
    println!("cargo:rerun-if-changed={}", spec.display());
    let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&spec)?)?;
    let mut out = String::from("/// Every API path and its methods, from openapi/openapi.json.\n");
    out.push_str("pub static ROUTES: &[(&str, &[&str])] = &[\n");
    for (path, item) in doc["paths"]
        .as_object()
        .ok_or("the document has no paths")?
    {
        let methods: Vec<String> = ["get", "post", "put", "patch", "delete"]
            .into_iter()
            .filter(|m| item.get(*m).is_some())
            .map(|m| format!("{:?}", m.to_uppercase()))
            .collect();
        writeln!(out, "    ({path:?}, &[{}]),", methods.join(", "))?;
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR")?).join("routes.rs");
    std::fs::write(dest, out)?;
    Ok(())
}
