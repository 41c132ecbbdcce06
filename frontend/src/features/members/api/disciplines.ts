import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import type { components } from "@/api/schema";
import { membersQueryKey } from "@/features/members/api/get-members";

export type Discipline = components["schemas"]["Discipline"];
export type NewDiscipline = components["schemas"]["NewDiscipline"];

function disciplinesQueryKey(memberId: number) {
  return [...membersQueryKey, "one", memberId, "disciplines"] as const;
}

export function getDisciplines(memberId: number): Promise<Discipline[]> {
  return unwrap(
    client.GET("/api/v1/members/{id}/disciplines", { params: { path: { id: memberId } } }),
  );
}

/** A member's discipline records, newest first. */
export function useDisciplines(memberId: number) {
  return useQuery({
    queryKey: disciplinesQueryKey(memberId),
    queryFn: () => getDisciplines(memberId),
  });
}

export function addDiscipline(memberId: number, body: NewDiscipline): Promise<Discipline[]> {
  return unwrap(
    client.POST("/api/v1/members/{id}/disciplines", {
      params: { path: { id: memberId } },
      body,
    }),
  );
}

export function useAddDiscipline(memberId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewDiscipline) => addDiscipline(memberId, body),
    // The answer is every record of the member.
    onSuccess: (records) => queryClient.setQueryData(disciplinesQueryKey(memberId), records),
  });
}

export function removeDiscipline(memberId: number, disciplineId: number): Promise<void> {
  return unwrap(
    client.DELETE("/api/v1/members/{id}/disciplines/{discipline_id}", {
      params: { path: { id: memberId, discipline_id: disciplineId } },
    }),
  );
}

export function useRemoveDiscipline(memberId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (disciplineId: number) => removeDiscipline(memberId, disciplineId),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: disciplinesQueryKey(memberId) }),
  });
}
