import { expect, type APIRequestContext } from "@playwright/test";

/** The API as one user: each call checks the status it expects and gives the JSON answer. */
export type Api = {
  token: string;
  get: <T>(url: string, what: string) => Promise<T>;
  post: <T = { id: number }>(
    url: string,
    data: unknown,
    what: string,
    status?: number,
  ) => Promise<T>;
  put: <T = unknown>(url: string, data: unknown, what: string, status?: number) => Promise<T>;
};

/** Logs `username` in through the API (not the page) and gives their API. */
export async function apiAs(
  request: APIRequestContext,
  username: string,
  password: string,
): Promise<Api> {
  const login = await request.post("/api/v1/auth/login", { data: { username, password } });
  expect(login.status(), `login of ${username}`).toBe(200);
  const { access_token: token } = (await login.json()) as { access_token: string };
  const headers = { Authorization: `Bearer ${token}` };
  const send = async <T>(
    method: "get" | "post" | "put",
    url: string,
    data: unknown,
    what: string,
    status: number,
  ): Promise<T> => {
    const answer = await request[method](url, { headers, data });
    expect(answer.status(), `${what}: ${await answer.text()}`).toBe(status);
    return (await answer.json()) as T;
  };
  return {
    token,
    get: (url, what) => send("get", url, undefined, what, 200),
    post: (url, data, what, status = 201) => send("post", url, data, what, status),
    put: (url, data, what, status = 200) => send("put", url, data, what, status),
  };
}

/** A frame of a points rule set as GET /api/v1/rule-sets shows it (RULES-2025.md S1, C1). */
export type Frame = {
  frame: string;
  groups: { code: string; items: { code: string; label: string; max: number }[] }[];
};

/** Every item of `frame` at its maximum, less `less` tenths taken from the largest task item. */
export function pointsLess(frame: Frame, less: number): Record<string, number> {
  const items = frame.groups.flatMap((g) => g.items.map((item) => ({ ...item, group: g.code })));
  const largest = items
    .filter((item) => item.group === "tasks")
    .reduce((a, b) => (b.max > a.max ? b : a));
  return Object.fromEntries(
    items.map((item) => [item.code, item.code === largest.code ? item.max - less : item.max]),
  );
}

/** The frames of the built-in rule set tw-366-2025, by code. */
export async function pointsFrames(admin: Api, ...codes: string[]): Promise<Frame[]> {
  type RuleSet = { name: string; points?: { frames: Frame[] } | null };
  const frames = (await admin.get<RuleSet[]>("/api/v1/rule-sets", "the rule sets")).find(
    (ruleSet) => ruleSet.name === "tw-366-2025",
  )?.points?.frames;
  return codes.map((code) => {
    const frame = frames?.find((f) => f.frame === code);
    expect(frame, `the frame ${code} of tw-366-2025`).toBeDefined();
    return frame as Frame;
  });
}

/** Creates each organisation under the one before it: their ids, in order. */
export async function orgChain(
  admin: Api,
  chain: readonly (readonly [kind: string, name: string, code: string])[],
): Promise<number[]> {
  let parentId: number | null = null;
  const ids: number[] = [];
  for (const [kind, name, code] of chain) {
    parentId = (await admin.post("/api/v1/organizations", { kind, name, code, parent_id: parentId }, kind)).id;
    ids.push(parentId);
  }
  return ids;
}

/** A cycle of `year` under tw-366-2025 on the organisation. */
export function pointsCycle(admin: Api, organizationId: number, year: number) {
  return admin.post(
    "/api/v1/cycles",
    { organization_id: organizationId, year, reference_date: `${year}-12-15`, rule_set: "tw-366-2025" },
    "the cycle",
  );
}

/** Users with one role each: [username, display name, role, organisation id]. */
export async function addUsers(
  admin: Api,
  password: string,
  users: readonly (readonly [string, string, string, number])[],
) {
  for (const [username, displayName, role, organizationId] of users) {
    await admin.post(
      "/api/v1/users",
      { username, display_name: displayName, password, roles: [{ role, organization_id: organizationId }] },
      username,
    );
  }
}
