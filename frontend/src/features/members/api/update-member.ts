import { useMutation, useQueryClient } from "@tanstack/react-query";
import { client, unwrapResponse } from "@/api/client";
import type { components } from "@/api/schema";
import {
  memberQueryKey,
  versioned,
  type VersionedMember,
} from "@/features/members/api/get-member";
import { membersQueryKey } from "@/features/members/api/get-members";

export type UpdateMemberInput = components["schemas"]["UpdateMember"];

/**
 * Changes the fields present in `body` (null clears one) of the member read at version `etag`:
 * the server answers 412 when someone changed it since.
 */
export async function updateMember(
  id: number,
  etag: string,
  body: UpdateMemberInput,
): Promise<VersionedMember> {
  const { data, response } = await unwrapResponse(
    client.PATCH("/api/v1/members/{id}", {
      params: { path: { id }, header: { "If-Match": etag } },
      body,
    }),
  );
  return versioned(data, response);
}

export function useUpdateMember(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ etag, body }: { etag: string; body: UpdateMemberInput }) =>
      updateMember(id, etag, body),
    onSuccess: async (changed) => {
      // The answer carries the new version: the next change names it.
      queryClient.setQueryData(memberQueryKey(id), changed);
      await queryClient.invalidateQueries({
        queryKey: [...membersQueryKey, "list"],
      });
    },
  });
}
