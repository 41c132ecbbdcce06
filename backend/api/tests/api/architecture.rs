//! The shape of issue #14, checked on the source tree so that it stays: the API speaks HTTP,
//! the application decides, the store persists (README "Architecture").

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The code of a file without its comments.
fn code(path: &Path) -> String {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_api_has_no_diesel_dependency() {
    let manifest = std::fs::read_to_string(root().join("backend/api/Cargo.toml")).unwrap();
    let deps = manifest
        .split("[dependencies]")
        .nth(1)
        .unwrap()
        .split("\n[")
        .next()
        .unwrap();
    assert!(
        !deps.contains("diesel"),
        "backend/api [dependencies] names diesel"
    );
    for f in rust_files(&root().join("backend/api/src")) {
        assert!(
            !code(&f).contains("diesel::"),
            "{} uses diesel",
            f.display()
        );
    }
}

#[test]
fn no_route_file_imports_another_route_module() {
    let routes = root().join("backend/api/src/routes");
    for f in rust_files(&routes) {
        let text = code(&f);
        assert!(
            !text.contains("crate::routes::"),
            "{} imports a route module",
            f.display()
        );
        // `super::` from a top-level route file is routes/mod.rs, that is the other routes;
        // in a resource's folder (members/, voting/) it may reach the folder's mod.rs, never a
        // sibling route file.
        let dir = f.parent().unwrap();
        if f.file_name().unwrap() == "mod.rs" {
            continue;
        }
        let siblings: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| {
                let name = e.unwrap().file_name().into_string().unwrap();
                name.strip_suffix(".rs").map(str::to_owned)
            })
            .filter(|n| n != "mod")
            .collect();
        for line in text
            .lines()
            .filter(|l| l.contains("super::") && !l.contains("super::*"))
        {
            let top_level = dir == routes.as_path();
            let sibling = siblings
                .iter()
                .any(|s| line.contains(&format!("super::{s}::")));
            assert!(
                !top_level && !sibling,
                "{} reaches another route through super:: ({})",
                f.display(),
                line.trim()
            );
        }
    }
}

#[test]
fn the_binary_calls_the_application_not_the_routes() {
    for f in rust_files(&root().join("backend/kiemdiem/src")) {
        assert!(
            !code(&f).contains("kiemdiem_api::routes"),
            "{} imports the API's routes",
            f.display()
        );
    }
}

#[test]
fn no_stage_is_compared_by_name() {
    for dir in ["backend/api/src", "backend/app/src"] {
        for f in rust_files(&root().join(dir)) {
            let text = code(&f);
            assert!(
                !text.contains("stage == \"") && !text.contains("stage != \""),
                "{} compares a stage by name (use Stage::is_read_only)",
                f.display()
            );
        }
    }
}

/// One writer of the audit log (issue #14): every entry goes through `kiemdiem_app::audit::Audit`,
/// which fills in the actor, the request and the client the same way everywhere.
#[test]
fn the_audit_log_has_one_writer() {
    let mut files = rust_files(&root().join("backend/api/src"));
    files.extend(rust_files(&root().join("backend/app/src")));
    files.extend(rust_files(&root().join("backend/kiemdiem/src")));
    let writers: Vec<String> = files
        .iter()
        .filter(|f| {
            let c = code(f);
            c.contains("audit::record(") || c.contains("audit::Entry {")
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        writers.len() == 1 && writers[0].ends_with("backend/app/src/audit.rs"),
        "audit entries written outside kiemdiem_app::audit: {writers:?}"
    );
}

/// Routes speak HTTP and call one use case (issue #14): they neither open a connection or a
/// transaction of their own (`state.db`, `state.write`) nor name the store. The exceptions, each
/// with its reason: liveness (a bare `SELECT 1`), and the member list's page cache (an HTTP
/// cache of answers, to be replaced by issue #18's).
#[test]
fn routes_call_use_cases_not_the_store() {
    let routes = root().join("backend/api/src/routes");
    let allowed = ["health.rs", "members/crud.rs"];
    for f in rust_files(&routes) {
        let rel = f
            .strip_prefix(&routes)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        if allowed.contains(&rel.as_str()) {
            continue;
        }
        let text = code(&f);
        for forbidden in ["kiemdiem_store", ".db(", ".write(", "AnyConnection"] {
            assert!(
                !text.contains(forbidden),
                "routes/{rel} uses {forbidden}: call a use case of kiemdiem_app"
            );
        }
    }
}

/// The modules of `kiemdiem_app`, one per file, and the modules each names through `crate::`
/// or `super::` paths (a `use` group's items included).
fn app_module_graph() -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
    let src = root().join("backend/app/src");
    let name_of = |f: &Path| {
        let rel = f.strip_prefix(&src).unwrap().with_extension("");
        let mut parts: Vec<String> = rel
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
            parts.pop();
        }
        parts.join("::")
    };
    let files = rust_files(&src);
    let modules: std::collections::BTreeSet<String> = files.iter().map(|f| name_of(f)).collect();
    let resolve = |current: &str, path: &str| -> Option<String> {
        let mut segs: Vec<&str> = path.split("::").collect();
        let mut base: Vec<&str> = current.split("::").filter(|s| !s.is_empty()).collect();
        if segs[0] == "crate" {
            base.clear();
            segs.remove(0);
        } else {
            while segs.first() == Some(&"super") {
                base.pop();
                segs.remove(0);
            }
        }
        (1..=segs.len()).rev().find_map(|i| {
            let mut candidate = base.clone();
            candidate.extend(&segs[..i]);
            let name = candidate.join("::");
            (modules.contains(&name) && !name.is_empty()).then_some(name)
        })
    };
    let mut graph = std::collections::BTreeMap::new();
    for f in &files {
        let me = name_of(f);
        let mut out = std::collections::BTreeSet::new();
        for line in code(f).lines() {
            let mut paths = Vec::new();
            for (start, _) in line
                .match_indices("crate::")
                .chain(line.match_indices("super::"))
            {
                let rest = &line[start..];
                let end = rest
                    .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                    .unwrap_or(rest.len());
                let path = rest[..end].trim_end_matches(':');
                paths.push(path.to_owned());
                if rest[end..].starts_with('{') {
                    let group = &rest[end + 1..rest.find('}').unwrap_or(rest.len())];
                    for item in group.split(',') {
                        let item = item.split_whitespace().next().unwrap_or("");
                        if !item.is_empty() && item != "self" {
                            paths.push(format!("{path}::{item}"));
                        }
                    }
                }
            }
            out.extend(
                paths
                    .iter()
                    .filter_map(|p| resolve(&me, p))
                    .filter(|t| *t != me),
            );
        }
        graph.insert(me, out);
    }
    graph
}

/// No import circle among the application's modules (issue #14, step 5): each can be read,
/// tested and moved from the bottom up.
#[test]
fn the_application_has_no_module_circle() {
    let graph = app_module_graph();
    // Depth-first search; a module met again while still on the path closes a circle.
    fn visit(
        m: &str,
        graph: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut std::collections::BTreeSet<String>,
    ) {
        if done.contains(m) {
            return;
        }
        if let Some(i) = path.iter().position(|p| p == m) {
            panic!("import circle: {} → {m}", path[i..].join(" → "));
        }
        path.push(m.to_owned());
        for next in graph.get(m).into_iter().flatten() {
            visit(next, graph, path, done);
        }
        path.pop();
        done.insert(m.to_owned());
    }
    assert!(graph.contains_key("voting::sessions"), "{:?}", graph.keys());
    let mut done = std::collections::BTreeSet::new();
    for m in graph.keys() {
        visit(m, &graph, &mut Vec::new(), &mut done);
    }
}

/// Two types deriving `ToSchema` under one name would be one schema in the OpenAPI document:
/// one of them silently described by the other (it happened: the points appraisal and the
/// ballot's, issue #15).
#[test]
fn every_schema_name_is_one_type() {
    let mut seen: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for dir in ["backend/app/src", "backend/api/src"] {
        for file in rust_files(&root().join(dir)) {
            let text = code(&file);
            let lines: Vec<&str> = text.lines().collect();
            for (i, line) in lines.iter().enumerate() {
                if !(line.contains("#[derive(") && line.contains("ToSchema")) {
                    continue;
                }
                let Some(decl) = lines[i + 1..]
                    .iter()
                    .find(|l| l.contains(" struct ") || l.contains(" enum "))
                else {
                    continue;
                };
                let name = decl
                    .split_whitespace()
                    .skip_while(|w| *w != "struct" && *w != "enum")
                    .nth(1)
                    .unwrap_or_default()
                    .trim_end_matches(['{', '(', ';', '<'])
                    .to_owned();
                seen.entry(name)
                    .or_default()
                    .push(file.display().to_string());
            }
        }
    }
    let twice: Vec<_> = seen.iter().filter(|(_, files)| files.len() > 1).collect();
    assert!(
        twice.is_empty(),
        "schema names used by more than one type: {twice:?}"
    );
}
