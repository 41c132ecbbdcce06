import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import type { components } from "@/api/schema";

export type AppraisalTeam = components["schemas"]["AppraisalTeam"];
export type AppraisalTeamInput = components["schemas"]["AppraisalTeamInput"];
export type Conclusion = components["schemas"]["Conclusion"];

export type TeamsKey = { org: number; year: number };

export const appraisalTeamsKey = ({ org, year }: TeamsKey) =>
  ["appraisal-teams", org, year] as const;

/**
 * C.5: the appraisal teams an organisation's committee formed in the year, and those sent to it
 * by the committees above.
 */
export function useAppraisalTeams(key: TeamsKey) {
  return useQuery({
    queryKey: appraisalTeamsKey(key),
    queryFn: () =>
      unwrap(
        client.GET("/api/v1/organizations/{id}/appraisal-teams", {
          params: { path: { id: key.org }, query: { year: key.year } },
        }),
      ),
    retry: false,
  });
}

/** A change to the teams; the list is read again whether it succeeded or failed. */
function useTeamMutation<T>(key: TeamsKey, run: (input: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSettled: () => queryClient.invalidateQueries({ queryKey: appraisalTeamsKey(key) }),
  });
}

/** Forms a team (`version` 0): only the organisation's own committee (403 otherwise). */
export function useCreateAppraisalTeam(key: TeamsKey) {
  return useTeamMutation(key, (body: AppraisalTeamInput) =>
    unwrap(
      client.POST("/api/v1/organizations/{id}/appraisal-teams", {
        params: { path: { id: key.org } },
        body,
      }),
    ),
  );
}

/** Changes a team on the version read (412 when changed since). */
export function useUpdateAppraisalTeam(key: TeamsKey) {
  return useTeamMutation(key, ({ teamId, body }: { teamId: number; body: AppraisalTeamInput }) =>
    unwrap(
      client.PUT("/api/v1/organizations/{id}/appraisal-teams/{team_id}", {
        params: { path: { id: key.org, team_id: teamId } },
        body,
      }),
    ),
  );
}

export function useDeleteAppraisalTeam(key: TeamsKey) {
  return useTeamMutation(key, (teamId: number) =>
    unwrap(
      client.DELETE("/api/v1/organizations/{id}/appraisal-teams/{team_id}", {
        params: { path: { id: key.org, team_id: teamId } },
      }),
    ),
  );
}
