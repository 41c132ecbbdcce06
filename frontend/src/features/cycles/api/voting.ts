import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { client, unwrap, unwrapResponse } from "@/api/client";
import type { components } from "@/api/schema";
import {
  cycleQueryKey,
  cyclesQueryKey,
  type CycleListQuery,
} from "@/features/cycles/api/cycles";
import { attachmentName, saveBlob } from "@/lib/download";
import { scanUpload, type AttachmentRecord } from "@/lib/attachments";

type Schemas = components["schemas"];

export type SessionSummary = Schemas["SessionSummary"];
export type VotingSession = Schemas["VotingSession"];
export type NewVotingSession = Schemas["NewVotingSession"];
export type RollMember = Schemas["RollMember"];
export type RollChange = Schemas["RollChange"];
export type Tally = Schemas["Tally"];
export type TallyVotes = Schemas["TallyVotes"];
export type ResultRecord = Schemas["ResultRecord"];
export type BallotPaper = Schemas["BallotPaper"];
export type BallotChoice = Schemas["BallotChoice"];
export type Appraisal = Schemas["Appraisal"];
export type BranchAppraisal = Schemas["BranchAppraisal"];
export type AppraisalDecision = Schemas["AppraisalDecision"];
export type Reclassification = Schemas["Reclassification"];
export type TallyMinutesInput = Schemas["TallyMinutesInput"];
export type TallyMinutesRecord = Schemas["TallyMinutesRecord"];
export type MeetingNoteInput = Schemas["MeetingNoteInput"];
export type MeetingNoteRecord = Schemas["MeetingNoteRecord"];

const sessionsKey = (cycleId: number) => [...cycleQueryKey(cycleId), "voting-sessions"] as const;
const sessionKey = (sid: number) => [...cyclesQueryKey, "voting-session", sid] as const;
const appraisalKey = (cycleId: number) => [...cycleQueryKey(cycleId), "appraisal"] as const;
const path = (sid: number) => ({ params: { path: { sid } } });

/** A page of the cycle's voting sessions in the branches the caller runs. */
export function useVotingSessions(cycleId: number, query: CycleListQuery) {
  return useQuery({
    queryKey: [...sessionsKey(cycleId), query],
    queryFn: () =>
      unwrap(
        client.GET("/api/v1/cycles/{id}/voting-sessions", {
          params: { path: { id: cycleId }, query },
        }),
      ),
    // Paging keeps the last page on screen until the next one arrives.
    placeholderData: keepPreviousData,
  });
}

/** The branches under the cycle's organisation the caller can see (the API decides who runs). */
export function useCycleBranches(organizationId: number) {
  return useQuery({
    queryKey: ["organizations", "list", { kind: "branch", under: organizationId }],
    queryFn: () =>
      unwrap(
        client.GET("/api/v1/organizations", {
          params: { query: { kind: "branch", under: organizationId, per_page: 500 } },
        }),
      ),
    select: (list) => list.items,
  });
}

export function useOpenVotingSession(cycleId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewVotingSession) =>
      unwrap(
        client.POST("/api/v1/cycles/{id}/voting-sessions", {
          params: { path: { id: cycleId } },
          body,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionsKey(cycleId) }),
  });
}

export function useVotingSession(sid: number) {
  return useQuery({
    queryKey: sessionKey(sid),
    queryFn: () => unwrap(client.GET("/api/v1/voting-sessions/{sid}", path(sid))),
  });
}

/** A change that answers with the whole session replaces the one on screen. */
function useSessionChange<T>(sid: number, run: (input: T) => Promise<VotingSession>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (session) => {
      queryClient.setQueryData(sessionKey(sid), session);
      return queryClient.invalidateQueries({ queryKey: sessionsKey(session.cycle_id) });
    },
  });
}

export function useUpdateRoll(sid: number) {
  return useSessionChange(sid, (members: RollChange[]) =>
    unwrap(client.PUT("/api/v1/voting-sessions/{sid}/roll", { ...path(sid), body: { members } })),
  );
}

export function useFinalizeSession(sid: number) {
  return useSessionChange(sid, () =>
    unwrap(client.POST("/api/v1/voting-sessions/{sid}/finalize", path(sid))),
  );
}

/** Refetches the session: the tally states and the outcome come with it. */
function useSessionRefresh<T, R>(sid: number, run: (input: T) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionKey(sid) }),
  });
}

/** One person's count of a member's votes; the tally counts once a second person matches it. */
export function useEnterTally(sid: number) {
  return useSessionRefresh(sid, ({ memberId, votes }: { memberId: number; votes: TallyVotes }) =>
    unwrap(
      client.PUT("/api/v1/voting-sessions/{sid}/tallies/{member_id}", {
        params: { path: { sid, member_id: memberId } },
        body: votes,
      }),
    ),
  );
}

/** Q3: the committee running the cycle approves or refuses the branch's 20% claim. */
export function useOutstandingDecision(sid: number) {
  return useSessionRefresh(sid, (approved: boolean) =>
    unwrap(
      client.PUT("/api/v1/voting-sessions/{sid}/outstanding-decision", {
        ...path(sid),
        body: { approved },
      }),
    ),
  );
}

/** Electronic voting: end it, the ballots are counted. */
export function useCloseSession(sid: number) {
  return useSessionRefresh(sid, () =>
    unwrap(client.POST("/api/v1/voting-sessions/{sid}/close", path(sid))),
  );
}

export function useBallot(sid: number) {
  return useQuery({
    queryKey: [...sessionKey(sid), "ballot"],
    queryFn: () => unwrap(client.GET("/api/v1/voting-sessions/{sid}/ballot", path(sid))),
  });
}

export function useCastBallot(sid: number) {
  return useSessionRefresh(sid, (choices: BallotChoice[]) =>
    unwrap(
      client.POST("/api/v1/voting-sessions/{sid}/ballot", { ...path(sid), body: { choices } }),
    ),
  );
}

/** The appraisal board: every branch's sessions and results, and the base-wide quota (Q5). */
export function useAppraisal(cycleId: number) {
  return useQuery({
    queryKey: appraisalKey(cycleId),
    queryFn: () =>
      unwrap(client.GET("/api/v1/cycles/{id}/appraisal", { params: { path: { id: cycleId } } })),
  });
}

export function useAppraise(cycleId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ sid, body }: { sid: number; body: AppraisalDecision }) =>
      unwrap(client.POST("/api/v1/voting-sessions/{sid}/appraisal", { ...path(sid), body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cycleQueryKey(cycleId) }),
  });
}

const memberResultsKey = (cycleId: number, memberId: number) =>
  [...appraisalKey(cycleId), "member", memberId] as const;

/** A member's results in the cycle, cancelled ones included (M12). */
export function useMemberResults(cycleId: number, memberId: number | null) {
  return useQuery({
    queryKey: memberResultsKey(cycleId, memberId ?? 0),
    queryFn: () =>
      unwrap(
        client.GET("/api/v1/cycles/{id}/members/{member_id}/classification", {
          params: { path: { id: cycleId, member_id: memberId ?? 0 } },
        }),
      ),
    enabled: memberId !== null,
  });
}

export function useReclassify(cycleId: number, memberId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Reclassification) =>
      unwrap(
        client.POST("/api/v1/cycles/{id}/members/{member_id}/classification/reclassify", {
          params: { path: { id: cycleId, member_id: memberId } },
          body,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: appraisalKey(cycleId) }),
  });
}

export type MinutesFormat = "docx" | "xlsx" | "pdf";

/** Downloads the session's tally minutes (biên bản kiểm phiếu). */
export async function downloadMinutes(sid: number, format: MinutesFormat): Promise<void> {
  const { data, response } = await unwrapResponse(
    client.GET("/api/v1/voting-sessions/{sid}/minutes", {
      params: { path: { sid }, query: { format } },
      parseAs: "blob",
    }),
  );
  saveBlob(data, attachmentName(response, `bien-ban-kiem-phieu.${format}`));
}

/** The tally minutes' facts: ballots issued, returned, valid, invalid and who counted them. */
export function usePutTallyMinutes(sid: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TallyMinutesInput) =>
      unwrap(client.PUT("/api/v1/voting-sessions/{sid}/tally-minutes", { ...path(sid), body })),
    // The minutes change nothing else of the session: the record answered goes in as it is.
    onSuccess: (record) =>
      queryClient.setQueryData<VotingSession>(sessionKey(sid), (session) =>
        session === undefined ? session : { ...session, tally_minutes: record },
      ),
  });
}

/**
 * The meeting's opinions on a member and, for a member classified completed, the shortcomings
 * with the date to remedy them (M9). Resolves to null when everything was empty (cleared, 204).
 */
export function usePutMeetingNote(sid: number) {
  return useSessionRefresh(
    sid,
    async ({ memberId, note }: { memberId: number; note: MeetingNoteInput }) =>
      (await unwrap(
        client.PUT("/api/v1/voting-sessions/{sid}/members/{member_id}/meeting-note", {
          params: { path: { sid, member_id: memberId } },
          body: note,
        }),
      )) ?? null,
  );
}

const scansKey = (sid: number) => [...sessionKey(sid), "attachments"] as const;

/** The scans of the session's signed minutes, oldest first. */
export function useSessionScans(sid: number) {
  return useQuery({
    queryKey: scansKey(sid),
    queryFn: () => unwrap(client.GET("/api/v1/voting-sessions/{sid}/attachments", path(sid))),
  });
}

/** Attaches a scan (PDF, JPEG or PNG) of a signed record to the session. */
export function useUploadSessionScan(sid: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ file, title }: { file: File; title: string }): Promise<AttachmentRecord> =>
      unwrap(
        client.POST("/api/v1/voting-sessions/{sid}/attachments", {
          params: { path: { sid }, query: { title, file_name: file.name } },
          ...(await scanUpload(file)),
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: scansKey(sid) }),
  });
}

/** Removes a scan attached by mistake. */
export function useDeleteSessionScan(sid: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      unwrap(client.DELETE("/api/v1/attachments/{id}", { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: scansKey(sid) }),
  });
}
