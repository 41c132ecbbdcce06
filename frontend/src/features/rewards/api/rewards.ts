import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import type { components } from "@/api/schema";

export type QuotaLine = components["schemas"]["QuotaLine"];
export type Candidates = components["schemas"]["Candidates"];
export type MemberCandidate = components["schemas"]["MemberCandidate"];
export type OrgCandidate = components["schemas"]["OrgCandidate"];
export type YearLevel = components["schemas"]["YearLevel"];
export type Nomination = components["schemas"]["NominationRecord"];
export type NewNomination = components["schemas"]["NewNominationBody"];
export type NominationDecision = components["schemas"]["NominationDecision"];

/** Every query of this feature starts with this key: a nomination or decision refreshes them all. */
const rewardsKey = ["rewards"] as const;

/** The nominating organisation (a base or a district) and the year every request is about. */
export type Scope = { organizationId: number; year: number };

function query({ organizationId, year }: Scope) {
  return { params: { query: { organization_id: organizationId, year } } };
}

/** The quotas W2–W5 of the nominating organisation, with what is used. */
export function useQuotas(scope: Scope) {
  return useQuery({
    queryKey: [...rewardsKey, "quotas", scope],
    queryFn: () => unwrap(client.GET("/api/v1/rewards/quotas", query(scope))),
  });
}

/** Members and organisations with a five-year streak (W1), with the five years. */
export function useCandidates(scope: Scope) {
  return useQuery({
    // features/organizations invalidates ["rewards", "candidates"] when a past year is entered
    // (W4/W5): keep the prefix.
    queryKey: [...rewardsKey, "candidates", scope],
    queryFn: () => unwrap(client.GET("/api/v1/rewards/candidates", query(scope))),
  });
}

/** The page of a list asked for. */
export type PageQuery = { page: number; per_page: number };

/**
 * A page of the nominations the organisation made (and, for a district, its bases made) that
 * year.
 */
export function useNominations(scope: Scope, page: PageQuery) {
  return useQuery({
    queryKey: [...rewardsKey, "nominations", scope, page],
    queryFn: () =>
      unwrap(
        client.GET("/api/v1/rewards/nominations", {
          params: {
            query: { organization_id: scope.organizationId, year: scope.year, ...page },
          },
        }),
      ),
    // Paging keeps the last page on screen until the next one arrives.
    placeholderData: keepPreviousData,
  });
}

function useRewardsMutation<T, R>(run: (body: T) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: rewardsKey }),
  });
}

/** Nominates a member or an organisation; the API checks W6, W1 and the quota, in that order. */
export function useNominate() {
  return useRewardsMutation((body: NewNomination) =>
    unwrap(client.POST("/api/v1/rewards/nominations", { body })),
  );
}

/** The committee above approves, rejects or revokes (W6) a nomination. */
export function useDecideNomination() {
  return useRewardsMutation(({ id, ...body }: NominationDecision & { id: number }) =>
    unwrap(
      client.POST("/api/v1/rewards/nominations/{id}/decision", {
        params: { path: { id } },
        body,
      }),
    ),
  );
}

/** Registers the organisation for the year's emulation (W6). */
export function useRegisterEmulation() {
  return useRewardsMutation(async ({ organizationId, year }: Scope) => {
    await unwrap(
      client.POST("/api/v1/rewards/registrations", {
        body: { organization_id: organizationId, year },
      }),
    );
  });
}
