import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import type { components } from "@/api/schema";
import { cycleQueryKey } from "@/features/cycles/api/cycles";

export type PlanTask = components["schemas"]["PlanTask"];
export type PlanTaskInput = components["schemas"]["PlanTaskInput"];

export const planTasksKey = (cycleId: number) =>
  [...cycleQueryKey(cycleId), "plan-tasks"] as const;

/** Plan III: the tasks of the cycle's plan, as the API orders them (by due date). */
export function usePlanTasks(cycleId: number) {
  return useQuery({
    queryKey: planTasksKey(cycleId),
    queryFn: () =>
      unwrap(
        client.GET("/api/v1/cycles/{id}/plan-tasks", {
          params: { path: { id: cycleId } },
        }),
      ),
  });
}

/**
 * A change to the tasks; the list is read again whether it succeeded or failed (a 412 means
 * someone changed the task since it was read).
 */
function usePlanTaskMutation<T>(cycleId: number, run: (input: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSettled: () => queryClient.invalidateQueries({ queryKey: planTasksKey(cycleId) }),
  });
}

/** Assigns a new task (`version` 0). */
export function useCreatePlanTask(cycleId: number) {
  return usePlanTaskMutation(cycleId, (body: PlanTaskInput) =>
    unwrap(
      client.POST("/api/v1/cycles/{id}/plan-tasks", {
        params: { path: { id: cycleId } },
        body,
      }),
    ),
  );
}

/** Changes a task; `body.version` is the version it was read at (412 when changed since). */
export function useUpdatePlanTask(cycleId: number) {
  return usePlanTaskMutation(cycleId, ({ taskId, body }: { taskId: number; body: PlanTaskInput }) =>
    unwrap(
      client.PUT("/api/v1/cycles/{id}/plan-tasks/{task_id}", {
        params: { path: { id: cycleId, task_id: taskId } },
        body,
      }),
    ),
  );
}

export function useDeletePlanTask(cycleId: number) {
  return usePlanTaskMutation(cycleId, (taskId: number) =>
    unwrap(
      client.DELETE("/api/v1/cycles/{id}/plan-tasks/{task_id}", {
        params: { path: { id: cycleId, task_id: taskId } },
      }),
    ),
  );
}
