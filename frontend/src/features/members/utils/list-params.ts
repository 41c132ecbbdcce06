import type { MembersQuery } from "@/features/members/api/get-members";
import { isOneOf, memberCategories, memberStatuses } from "@/lib/domain/members";

export const defaultPerPage = 20;
const maxPerPage = 200;

/**
 * The list's query as kept in the address (`?q=…&status=official&page=2`), so that a reload or
 * a shared link shows the same list. Anything unreadable is left out.
 */
export function queryFromParams(params: URLSearchParams): MembersQuery {
  const positive = (name: string) => {
    const value = Number(params.get(name) ?? "");
    return Number.isInteger(value) && value > 0 ? value : undefined;
  };
  const flag = (name: string) => {
    const value = params.get(name);
    return value === "true" ? true : value === "false" ? false : undefined;
  };
  const choice = <T extends string>(name: string, choices: readonly T[]) => {
    const value = params.get(name);
    return value !== null && isOneOf(choices, value) ? value : undefined;
  };
  const q = params.get("q");
  return {
    // Sent as typed: the server ignores case and diacritics.
    q: q === null || q.trim() === "" ? undefined : q,
    organization_id: positive("organization_id"),
    status: choice("status", memberStatuses),
    category: choice("category", memberCategories),
    exempt: flag("exempt"),
    attached: flag("attached"),
    // The server lists active members unless asked otherwise.
    active: flag("active") === false ? false : undefined,
    page: positive("page") ?? 1,
    per_page: Math.min(positive("per_page") ?? defaultPerPage, maxPerPage),
  };
}

/** The address's query for `query`, defaults left out. */
export function paramsFromQuery(query: MembersQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    if (name === "page" && value === 1) continue;
    if (name === "per_page" && value === defaultPerPage) continue;
    params.set(name, String(value));
  }
  return params;
}
