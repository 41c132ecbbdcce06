// GLOSSARY "Organisation": the tree is province → district → base → branch → cell.
export const orgKinds = ["province", "district", "base", "branch", "cell"] as const;
export type OrgKind = (typeof orgKinds)[number];

export function isOrgKind(value: string): value is OrgKind {
  return (orgKinds as readonly string[]).includes(value);
}

/** The kind an organisation of `kind` must sit under; null for a province (a root). */
export function parentKind(kind: OrgKind): OrgKind | null {
  const index = orgKinds.indexOf(kind);
  return index === 0 ? null : orgKinds[index - 1];
}

/** The kind of the organisations created directly under `kind`; null under a cell. */
export function childKind(kind: OrgKind): OrgKind | null {
  return orgKinds[orgKinds.indexOf(kind) + 1] ?? null;
}
