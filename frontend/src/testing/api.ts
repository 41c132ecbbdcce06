import { vi } from "vitest";
import type { components } from "@/api/schema";
import { session } from "@/lib/auth/session";
import openapiText from "@openapi/openapi.json?raw";

type Me = components["schemas"]["Me"];
type Handler = (request: Request) => Response | Promise<Response>;

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json" },
  });
}

export function problem(
  status: number,
  code: string,
  detail: string,
  errors?: components["schemas"]["FieldError"][],
): Response {
  return new Response(
    JSON.stringify({
      type: `urn:kiemdiem:problem:${code}`,
      title: "Problem",
      status,
      detail,
      code,
      ...(errors ? { errors } : {}),
    }),
    { status, headers: { "content-type": "application/problem+json" } },
  );
}

/**
 * A page of `items` as the API answers a list (`{items, total, page, per_page}`), cut by the
 * request's `page` and `per_page` (1 and 100 when it names none), as the server would.
 */
export function pageJson(request: Request, items: readonly unknown[]): Response {
  const query = new URL(request.url).searchParams;
  const page = Number(query.get("page") ?? 1);
  const perPage = Number(query.get("per_page") ?? 100);
  return json({
    items: items.slice((page - 1) * perPage, page * perPage),
    total: items.length,
    page,
    per_page: perPage,
  });
}

/** A handler answering every request with its page of `items` (see `pageJson`). */
export function paged(items: readonly unknown[]): (request: Request) => Response {
  return (request) => pageJson(request, items);
}

/**
 * GET /api/v1/cycles over `cycles`: filtered by the request's `year` and `organization_id`,
 * newest year first, then paged (see `pageJson`), as the server answers.
 */
export function cycleList<T extends { year: number; organization_id: number }>(
  cycles: readonly T[],
): (request: Request) => Response {
  return (request) => {
    const query = new URL(request.url).searchParams;
    const year = query.get("year");
    const organization = query.get("organization_id");
    const found = cycles
      .filter((cycle) => year === null || cycle.year === Number(year))
      .filter((cycle) => organization === null || cycle.organization_id === Number(organization))
      .sort((a, b) => b.year - a.year);
    return pageJson(request, found);
  };
}

type Parameter = { name: string; in: string; schema?: { minimum?: number; maximum?: number } };
type Operation = { parameters?: Parameter[] };
const openapi = JSON.parse(openapiText) as { paths: Record<string, Record<string, Operation>> };

/** The documented operation a request is for (path templates such as `/cycles/{id}` matched). */
function operationOf(request: Request): Operation | undefined {
  const { pathname } = new URL(request.url);
  for (const [template, operations] of Object.entries(openapi.paths)) {
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`);
    if (pattern.test(pathname)) return operations[request.method.toLowerCase()];
  }
  return undefined;
}

/**
 * The server's 422 for a query value outside the bounds the OpenAPI document gives it (a page
 * size past a list's maximum, say), so that a stubbed API refuses what the real one refuses.
 */
function outOfBounds(request: Request): Response | undefined {
  const query = new URL(request.url).searchParams;
  const errors = (operationOf(request)?.parameters ?? [])
    .filter((p) => p.in === "query" && query.has(p.name))
    .filter((p) => {
      const value = Number(query.get(p.name));
      const { minimum, maximum } = p.schema ?? {};
      return (minimum !== undefined && value < minimum) || (maximum !== undefined && value > maximum);
    })
    .map((p) => ({ field: p.name, code: "out_of_range", message: `${p.name} out of bounds` }));
  return errors.length === 0 ? undefined : problem(422, "validation_failed", "out of bounds", errors);
}

/** "GET /api/v1/users" for a request (the query string is not part of it). */
export function routeOf(request: Request): string {
  return `${request.method} ${new URL(request.url).pathname}`;
}

/**
 * Stubs fetch with an API: `routes` maps "METHOD /path" to a handler. Any other request is a
 * network failure, so that a test never passes on a request it did not expect.
 */
export function stubApi(routes: Record<string, Handler>) {
  const fetch = vi.fn(async (request: Request): Promise<Response> => {
    const handler = routes[routeOf(request)];
    if (handler === undefined) throw new TypeError(`unexpected request: ${routeOf(request)}`);
    return outOfBounds(request) ?? handler(request);
  });
  vi.stubGlobal("fetch", fetch);
  return {
    fetch,
    /** The requests made to `route` ("METHOD /path"), in order. */
    requests: (route: string) =>
      fetch.mock.calls.map(([request]) => request).filter((request) => routeOf(request) === route),
  };
}

export function bearer(request: Request): string | null {
  return request.headers.get("Authorization");
}

export const adminMe: Me = {
  id: 1,
  username: "admin",
  display_name: "Quản trị viên",
  roles: [{ id: 1, role: "admin", organization_id: null, organization_name: null }],
  read_scopes: null,
  must_change_password: false,
};

export function meWith(
  role: string,
  organizationId: number,
  organizationName: string,
  displayName = "Nguyễn Văn An",
): Me {
  return {
    id: 7,
    username: "nguyen.van.an",
    display_name: displayName,
    roles: [
      {
        id: 70,
        role,
        organization_id: organizationId,
        organization_name: organizationName,
      },
    ],
    read_scopes: [organizationId],
    must_change_password: false,
  };
}

/** A session as after a login, with access token `accessToken` (the API stub decides if valid). */
export function startSession(accessToken = "access-1", refreshToken = "refresh-1") {
  session.start({
    access_token: accessToken,
    refresh_token: refreshToken,
    expires_in: 900,
    token_type: "Bearer",
  });
}

export function tokens(accessToken: string, refreshToken: string, user?: Me) {
  return json({
    access_token: accessToken,
    refresh_token: refreshToken,
    expires_in: 900,
    token_type: "Bearer",
    user,
  });
}
