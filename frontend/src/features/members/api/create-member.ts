import { useMutation, useQueryClient } from "@tanstack/react-query";
import { client, unwrapResponse } from "@/api/client";
import type { components } from "@/api/schema";
import {
  memberQueryKey,
  versioned,
  type VersionedMember,
} from "@/features/members/api/get-member";
import { membersQueryKey } from "@/features/members/api/get-members";

export type CreateMemberInput = components["schemas"]["CreateMember"];

export async function createMember(body: CreateMemberInput): Promise<VersionedMember> {
  const { data, response } = await unwrapResponse(client.POST("/api/v1/members", { body }));
  return versioned(data, response);
}

export function useCreateMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createMember,
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: membersQueryKey });
      // The answer is the new record with its version: opening it needs no second read.
      queryClient.setQueryData(memberQueryKey(created.member.id), created);
    },
  });
}
