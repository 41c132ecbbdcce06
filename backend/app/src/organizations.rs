//! The organisation tree (province → district → base → branch → cell): read in the actor's
//! scope, flat or as a tree, searched without diacritics; created, renamed, moved and deleted by
//! those who manage it.

use crate::{Actor, AppError, FieldError};
use chrono::{DateTime, Utc};
use kiemdiem_domain::organization::OrgKind;
use kiemdiem_domain::vietnamese::search_key;
use kiemdiem_store::AnyConnection;
use kiemdiem_store::organizations::{
    self as store, NewOrganization, OrgFilter, Organization as Row,
};
use kiemdiem_store::{service_accounts, users};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Organization {
    pub id: i64,
    /// province, district, base, branch or cell.
    pub kind: String,
    pub code: String,
    pub name: String,
    pub parent_id: Option<i64>,
    /// The ids from the root down to the parent.
    pub ancestor_ids: Vec<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<&Row> for Organization {
    fn from(r: &Row) -> Self {
        let mut ancestors = r.ancestry();
        ancestors.pop();
        Organization {
            id: r.id,
            kind: r.kind.clone(),
            code: r.code.clone(),
            name: r.name.clone(),
            parent_id: r.parent_id,
            ancestor_ids: ancestors,
            created_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
        }
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct OrganizationNode {
    #[serde(flatten)]
    pub organization: Organization,
    #[schema(no_recursion)]
    pub children: Vec<OrganizationNode>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct OrganizationList {
    /// The page of organisations, in tree order (flat format).
    pub items: Vec<Organization>,
    /// The visible organisations as trees (tree format): roots are those whose parent the
    /// caller cannot see.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tree: Option<Vec<OrganizationNode>>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Only this kind.
    pub kind: Option<String>,
    /// Only this organisation and its subtree.
    pub under: Option<i64>,
    /// Only the children of this organisation.
    pub parent_id: Option<i64>,
    /// Only organisations whose name or code contains these words, ignoring case and
    /// diacritics ("cua lo" finds "Thị ủy Cửa Lò").
    pub q: Option<String>,
    /// `flat` (paged, the default) or `tree` (everything visible, nested).
    pub format: Option<String>,
    #[param(minimum = 1)]
    pub page: Option<i64>,
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<i64>,
}

pub fn parse_kind(field: &str, kind: &str) -> Result<OrgKind, AppError> {
    kind.parse::<OrgKind>().map_err(|_| {
        AppError::Validation(vec![FieldError {
            field: field.into(),
            code: "invalid_kind".into(),
            message: "Loại tổ chức phải là province, district, base, branch hoặc cell".into(),
        }])
    })
}

/// An organisation the caller may see, or 404 (never revealing that it exists).
pub fn visible(
    conn: &mut kiemdiem_store::AnyConnection,
    p: &Actor,
    id: i64,
) -> Result<Row, AppError> {
    store::get(conn, id)?
        .filter(|o| p.access.can_read_org(&o.path))
        .ok_or_else(AppError::not_found)
}

fn build_tree(all: &[Organization]) -> Vec<OrganizationNode> {
    let ids: std::collections::HashSet<i64> = all.iter().map(|o| o.id).collect();
    let mut children: HashMap<Option<i64>, Vec<&Organization>> = HashMap::new();
    for o in all {
        let parent = o.parent_id.filter(|p| ids.contains(p));
        children.entry(parent).or_default().push(o);
    }
    fn grow(
        o: &Organization,
        children: &HashMap<Option<i64>, Vec<&Organization>>,
    ) -> OrganizationNode {
        OrganizationNode {
            organization: o.clone(),
            children: children
                .get(&Some(o.id))
                .map(|kids| kids.iter().map(|c| grow(c, children)).collect())
                .unwrap_or_default(),
        }
    }
    children
        .get(&None)
        .map(|roots| roots.iter().map(|r| grow(r, &children)).collect())
        .unwrap_or_default()
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateOrganization {
    /// province, district, base, branch or cell; it must sit under the kind above it.
    pub kind: String,
    /// A short unique code, letters, digits, `.`, `_` or `-`.
    #[validate(
        length(min = 1, max = 32),
        custom(function = "crate::input::validate_code")
    )]
    #[schema(min_length = 1, max_length = 32, pattern = "^[A-Za-z0-9._-]+$")]
    pub code: String,
    #[validate(
        length(min = 1, max = 200),
        custom(function = "crate::input::validate_name")
    )]
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    /// Required for every kind but province.
    pub parent_id: Option<i64>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateOrganization {
    #[validate(
        length(min = 1, max = 200),
        custom(function = "crate::input::validate_name")
    )]
    #[schema(min_length = 1, max_length = 200)]
    pub name: Option<String>,
    #[validate(
        length(min = 1, max = 32),
        custom(function = "crate::input::validate_code")
    )]
    #[schema(min_length = 1, max_length = 32, pattern = "^[A-Za-z0-9._-]+$")]
    pub code: Option<String>,
    /// Moves the organisation and its whole subtree under this parent.
    pub parent_id: Option<i64>,
}

/// The list's filter checked before anything is read: a known kind, `flat` or `tree`
/// (answers whether the tree is wanted).
pub fn list_shape(q: &ListQuery) -> Result<bool, AppError> {
    if let Some(kind) = &q.kind {
        parse_kind("kind", kind)?;
    }
    match q.format.as_deref() {
        None | Some("flat") => Ok(false),
        Some("tree") => Ok(true),
        Some(_) => Err(AppError::field(
            "format",
            "invalid_format",
            "Định dạng phải là flat hoặc tree",
        )),
    }
}

/// The organisations the actor reads (under one they work inside, of a kind, a parent, a
/// search without diacritics), a page of them, flat or with the tree.
pub fn list(
    conn: &mut AnyConnection,
    p: &Actor,
    q: ListQuery,
    tree: bool,
    page: i64,
    per_page: i64,
) -> Result<OrganizationList, AppError> {
    // Under an organisation the caller reads, or one they work inside (a branch
    // committee listing the branches of its base's cycle sees its own branch only:
    // the scopes below still apply).
    let under = match q.under {
        Some(id) => Some(
            store::get(conn, id)?
                .filter(|o| p.works_in(&o.path))
                .ok_or_else(AppError::not_found)?
                .path,
        ),
        None => None,
    };
    let filter = OrgFilter {
        kind: q.kind.clone(),
        under,
        scopes: p.access.org_read_scopes(),
        parent_id: q.parent_id,
    };
    let mut found = store::list(conn, &filter)?;
    if let Some(key) = q.q.as_deref().map(search_key).filter(|k| !k.is_empty()) {
        found.retain(|o| search_key(&o.name).contains(&key) || search_key(&o.code).contains(&key));
    }
    let total = found.len() as i64;
    let all: Vec<Organization> = found.iter().map(Organization::from).collect();
    let tree = tree.then(|| build_tree(&all));
    let start = ((page - 1) * per_page) as usize;
    let items = all
        .into_iter()
        .skip(start)
        .take(per_page as usize)
        .collect();
    Ok(OrganizationList {
        items,
        tree,
        total,
        page,
        per_page,
    })
}

/// Creates an organisation under a parent the actor manages (the kind right below the
/// parent's).
pub fn create(
    conn: &mut AnyConnection,
    p: &Actor,
    body: CreateOrganization,
    kind: OrgKind,
) -> Result<Row, AppError> {
    // The order answers what the caller may know: an unseen parent is 404, one it
    // may not build under is 403, and only then is the request's shape judged.
    let parent = match body.parent_id {
        Some(id) => Some(visible(conn, p, id)?),
        None => None,
    };
    let allowed = match &parent {
        Some(o) => p.access.can_manage_org(&o.path, true),
        None => p.access.is_admin(),
    };
    if !allowed {
        return Err(AppError::forbidden("Không có quyền tạo tổ chức tại đây"));
    }
    let parent_kind = match &parent {
        Some(o) => Some(parse_kind("parent_id", &o.kind)?),
        None => None,
    };
    if !kind.may_sit_under(parent_kind) {
        return Err(AppError::field(
            "parent_id",
            "kind_mismatch",
            &match kind.parent_kind() {
                Some(k) => {
                    format!("Tổ chức loại {kind} phải trực thuộc một tổ chức loại {k}")
                }
                None => "Tỉnh ủy không có tổ chức cấp trên".to_owned(),
            },
        ));
    }
    if store::code_taken(conn, &body.code, None)? {
        return Err(AppError::conflict(
            "code_taken",
            format!("Mã tổ chức '{}' đã được dùng", body.code),
        ));
    }
    let row = store::create(
        conn,
        NewOrganization {
            kind: kind.as_str(),
            code: &body.code,
            name: body.name.trim(),
            parent: parent.as_ref(),
        },
    )?;
    p.audit("create", "organization")
        .id(row.id)
        .org(row.path.clone())
        .after(&Organization::from(&row))
        .record(conn)?;
    Ok(row)
}

/// Renames or moves an organisation (never into its own subtree or under the wrong kind).
pub fn update(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    body: UpdateOrganization,
) -> Result<Row, AppError> {
    let before = visible(conn, p, id)?;
    if !p.access.can_manage_org(&before.path, false) {
        return Err(AppError::forbidden("Không có quyền sửa tổ chức này"));
    }
    if let Some(code) = &body.code
        && store::code_taken(conn, code, Some(id))?
    {
        return Err(AppError::conflict(
            "code_taken",
            format!("Mã tổ chức '{code}' đã được dùng"),
        ));
    }
    let mut row = store::update_fields(
        conn,
        id,
        body.name.as_deref().map(str::trim),
        body.code.as_deref(),
    )?;
    if let Some(parent_id) = body.parent_id.filter(|pid| Some(*pid) != before.parent_id) {
        let parent = store::get(conn, parent_id)?
            .filter(|o| p.access.can_read_org(&o.path))
            .ok_or_else(|| {
                AppError::field("parent_id", "not_found", "Không tìm thấy tổ chức cấp trên")
            })?;
        if before.contains(&parent.path) {
            return Err(AppError::field(
                "parent_id",
                "cycle",
                "Không thể chuyển tổ chức vào bên trong chính nó",
            ));
        }
        let kind = parse_kind("kind", &before.kind)?;
        if !kind.may_sit_under(Some(parse_kind("parent_id", &parent.kind)?)) {
            return Err(AppError::field(
                "parent_id",
                "kind_mismatch",
                "Tổ chức cấp trên không đúng loại",
            ));
        }
        if !p.access.can_manage_org(&parent.path, true) {
            return Err(AppError::forbidden("Không có quyền chuyển tổ chức tới đó"));
        }
        row = store::move_subtree(conn, &row, &parent)?;
    }
    p.audit("update", "organization")
        .id(id)
        .org(row.path.clone())
        .before(&Organization::from(&before))
        .after(&Organization::from(&row))
        .record(conn)?;
    Ok(row)
}

/// Deletes an organisation that has no children, members or accounts.
pub fn remove(conn: &mut AnyConnection, p: &Actor, id: i64) -> Result<(), AppError> {
    let before = visible(conn, p, id)?;
    if !p.access.can_manage_org(&before.path, false) {
        return Err(AppError::forbidden("Không có quyền xóa tổ chức này"));
    }
    if store::child_count(conn, id)? > 0 {
        return Err(AppError::conflict(
            "organization_has_children",
            "Tổ chức còn tổ chức trực thuộc: hãy chuyển hoặc xóa chúng trước",
        ));
    }
    if kiemdiem_store::members::count_in_branch(conn, id)? > 0 {
        return Err(AppError::conflict(
            "organization_has_members",
            "Tổ chức còn đảng viên: hãy chuyển họ sang chi bộ khác trước",
        ));
    }
    if users::assignments_on(conn, id)? > 0 || service_accounts::count_on(conn, id)? > 0 {
        return Err(AppError::conflict(
            "organization_in_use",
            "Tổ chức còn tài khoản được phân quyền: hãy thu hồi trước",
        ));
    }
    store::delete(conn, id)?;
    p.audit("delete", "organization")
        .id(id)
        .org(before.path.clone())
        .before(&Organization::from(&before))
        .record(conn)?;
    Ok(())
}
