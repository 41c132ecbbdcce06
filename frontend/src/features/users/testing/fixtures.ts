import type { components } from "@/api/schema";

type User = components["schemas"]["User"];

/** A user as GET /users answers it: manageable by the caller, password their own. */
export function userOf(overrides: Partial<User> & Pick<User, "id" | "username">): User {
  return {
    display_name: overrides.username,
    active: true,
    roles: [],
    member_id: null,
    manageable: true,
    must_change_password: false,
    created_at: "2026-11-20T01:30:00Z",
    updated_at: "2026-11-20T01:30:00Z",
    ...overrides,
  };
}
