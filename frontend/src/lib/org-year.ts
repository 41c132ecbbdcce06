import { useMemo } from "react";
import { useSearchParams } from "react-router";
import { committeeOrgIds } from "@/lib/auth/permissions";
import type { Me } from "@/lib/auth/use-session";
import { useCycleYear } from "@/lib/cycle-year";
import { todayInVietnam } from "@/lib/format";
import type { Organization } from "@/lib/org-tree";

export type OrgYearChange = { org?: number; year?: number };

function positive(value: string | null): number | undefined {
  const number = Number(value);
  return value !== null && Number.isInteger(number) && number > 0 ? number : undefined;
}

/**
 * A page's organisation and year, kept in the address (`?org=…&year=…`) so that coming back to
 * the page keeps them: the organisation is `defaultOrg` until one is chosen, the year this year
 * in Vietnam, or with `byCycle` that of the organisation's latest cycle (`yearPending` while the
 * cycles load). `choose` changes either, replacing the address and keeping its other parameters.
 */
export function useOrgYearParams(defaultOrg: number | undefined, { byCycle = false } = {}) {
  const [params, setParams] = useSearchParams();
  const orgId = positive(params.get("org")) ?? defaultOrg;
  const chosenYear = positive(params.get("year"));
  const cycleYear = useCycleYear(orgId, byCycle && chosenYear === undefined);
  const yearPending = chosenYear === undefined && cycleYear === undefined;
  const year = chosenYear ?? cycleYear ?? todayInVietnam().year();
  // The page's other parameters (a tab, a kind of dossier…) stay as they are.
  const choose = (changes: OrgYearChange) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries({ org: orgId, year, ...changes })) {
      if (value === undefined) next.delete(key);
      else next.set(key, String(value));
    }
    setParams(next, { replace: true });
  };
  return { orgId, year, yearPending, choose };
}

/**
 * The user's own organisation among those of `organizations` that `offered` accepts (their
 * committee's first, else any role's), else the first one offered.
 */
export function useOwnOrg(
  me: Me,
  organizations: Organization[],
  offered: (org: Organization) => boolean,
): number | undefined {
  return useMemo(() => {
    const candidates = organizations.filter(offered);
    const own = [...committeeOrgIds(me), ...me.roles.map((role) => role.organization_id)];
    return own.find((id) => candidates.some((org) => org.id === id)) ?? candidates.at(0)?.id;
  }, [me, organizations, offered]);
}
