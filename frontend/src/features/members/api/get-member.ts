import { useQuery } from "@tanstack/react-query";
import { client, unwrapResponse } from "@/api/client";
import { membersQueryKey, type Member } from "@/features/members/api/get-members";

/** A member as last read, with the version (ETag) that a change must name in If-Match. */
export type VersionedMember = { member: Member; etag: string };

export function memberQueryKey(id: number) {
  return [...membersQueryKey, "one", id] as const;
}

/** The version of a member from its answer's ETag (an empty one makes the server answer 428). */
export function versioned(member: Member, response: Response): VersionedMember {
  return { member, etag: response.headers.get("ETag") ?? "" };
}

export async function getMember(id: number): Promise<VersionedMember> {
  const { data, response } = await unwrapResponse(
    client.GET("/api/v1/members/{id}", { params: { path: { id } } }),
  );
  return versioned(data, response);
}

export function useMember(id: number) {
  return useQuery({ queryKey: memberQueryKey(id), queryFn: () => getMember(id) });
}
