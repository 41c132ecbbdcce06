import {
  ArrowLeftOutlined,
  CheckOutlined,
  EditOutlined,
  SaveOutlined,
  StopOutlined,
} from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Checkbox,
  Descriptions,
  Flex,
  InputNumber,
  Select,
  Space,
  Spin,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { OutcomeSummary } from "@/components/classification/outcome-summary";
import { ResultCell } from "@/components/classification/result-tags";
import { useCycle, type Cycle } from "@/features/cycles/api/cycles";
import {
  useCloseSession,
  useEnterTally,
  useFinalizeSession,
  useOutstandingDecision,
  useUpdateRoll,
  useVotingSession,
  type RollChange,
  type RollMember,
  type TallyVotes,
  type VotingSession,
} from "@/features/cycles/api/voting";
import { MeetingNoteDrawer } from "@/features/cycles/components/meeting-note-drawer";
import { MemberResultsDrawer } from "@/features/cycles/components/member-results-drawer";
import {
  sessionKindText,
  sessionModeText,
  sessionStatusColor,
  sessionStatusText,
  tallyStateColor,
  tallyStateText,
  voteFields,
} from "@/features/cycles/components/voting-labels";
import { MinutesDownload } from "@/features/cycles/components/minutes-download";
import { SessionScans } from "@/features/cycles/components/session-scans";
import { TallyMinutesForm } from "@/features/cycles/components/tally-minutes-form";
import { VotingResults } from "@/features/cycles/components/voting-results";
import { useCyclesT } from "@/features/cycles/messages";
import { runsCycles } from "@/lib/auth/permissions";
import type { Me } from "@/lib/auth/use-session";
import {
  partyOrgRatings,
  partyOrgRatingText,
  unitRatings,
} from "@/lib/classification/labels";
import {
  useClassificationPreview,
  type Preview,
  type PreviewRequest,
} from "@/lib/classification/preview";
import { classificationLevelText } from "@/lib/domain/labels";
import { formatDay } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage } from "@/lib/problems";
import { useDebouncedCallback } from "@/lib/use-debounced-callback";

type VoteField = (typeof voteFields)[number];
/** The numbers in a row's inputs; an empty input is null (counted as 0). */
type Draft = Record<VoteField, number | null>;

const emptyDraft: Draft = { excellent: null, good: null, completed: null, not_completed: null };

function draftOf(votes: TallyVotes | null | undefined): Draft {
  if (!votes) return emptyDraft;
  return {
    excellent: votes.excellent ?? 0,
    good: votes.good ?? 0,
    completed: votes.completed ?? 0,
    not_completed: votes.not_completed ?? 0,
  };
}

/** M9 end: the meeting recorded the member's shortcomings with the date to remedy them. */
function hasShortcomings(member: RollMember): boolean {
  return Boolean(member.note?.shortcomings && member.note.remedy_by);
}

/** The engine's reminder that a completed member needs shortcomings: the page lists them itself. */
const remedyWarning = "M9-remedy";

function votesOf(draft: Draft): Required<TallyVotes> {
  return {
    excellent: draft.excellent ?? 0,
    good: draft.good ?? 0,
    completed: draft.completed ?? 0,
    not_completed: draft.not_completed ?? 0,
  };
}

/** The session page: loads the session, then its cycle (for the reference date of M4). */
export function VotingSessionPage({ me, sid }: { me: Me; sid: number }) {
  const t = useT();
  const session = useVotingSession(sid);
  const cycle = useCycle(session.data?.cycle_id ?? 0, session.data !== undefined);
  if (session.isPending) return <Spin />;
  if (session.isError) {
    return <Alert type="error" showIcon title={errorMessage(session.error, t)} />;
  }
  return <SessionView me={me} session={session.data} cycle={cycle.data} />;
}

function SessionView({
  me,
  session,
  cycle,
}: {
  me: Me;
  session: VotingSession;
  cycle: Cycle | undefined;
}) {
  const t = useT();
  const ct = useCyclesT();
  const { modal, message } = App.useApp();
  const sid = session.id;
  const updateRoll = useUpdateRoll(sid);
  const enterTally = useEnterTally(sid);
  const finalize = useFinalizeSession(sid);
  const close = useCloseSession(sid);
  const decide = useOutstandingDecision(sid);
  const [drafts, setDrafts] = useState<Record<number, Draft>>({});
  // The drafts last sent to the engine, ~300 ms after the typing stops; null until then.
  const [sent, setSent] = useState<Record<number, Draft> | null>(null);
  const send = useDebouncedCallback(setSent, 300).schedule;
  const [problem, setProblem] = useState<string | null>(null);
  const [historyOf, setHistoryOf] = useState<{ id: number; name: string } | null>(null);
  const [noteOf, setNoteOf] = useState<number | null>(null);

  const open = session.status === "open";
  const paper = session.mode === "paper_tally";
  const finalized = ["finalized", "approved", "returned"].includes(session.status);
  const canFinalize = paper ? open : session.status === "closed";
  // The meeting's opinions and shortcomings are written until the results are finalized.
  const notesEditable = open || session.status === "closed";

  const draftFor = (member: RollMember, from = drafts): Draft =>
    from[member.member_id] ?? draftOf(member.tally.votes);
  // The engine is asked about what is on screen: typed numbers, else one's own or the
  // confirmed entry.
  const requestFor = (from: Record<number, Draft>): PreviewRequest | null =>
    cycle === undefined
      ? null
      : {
          rule_set: session.outcome?.rule_set ?? cycle.rule_set,
          reference_date: cycle.reference_date,
          branch: { outstanding_unit: session.outstanding_unit },
          members: session.roll.map((member) =>
            member.subject && paper
              ? { ...member.input, votes: votesOf(draftFor(member, from)) }
              : member.input,
          ),
        };

  // Built from the session on screen: a change of the roll (D, voters present) asks again.
  const request = sent === null ? null : requestFor(sent);
  const preview = useClassificationPreview(request);
  const live: Preview | null | undefined =
    request !== null && preview.data !== undefined && !preview.isError
      ? preview.data
      : session.outcome;
  const resultOf = (member: RollMember) =>
    live?.results.find((result) => result.id === member.input.id);
  const nameOf = (id: string | null | undefined) =>
    session.roll.find((member) => member.input.id === id)?.full_name;
  const isCompleted = (member: RollMember) => {
    const result = resultOf(member);
    return result?.status === "classified" && result.level === "completed";
  };
  // M9 end: finalizing needs the shortcomings of every member the outcome classifies completed.
  const lacking = notesEditable
    ? session.roll.filter(
        (member) => member.subject && isCompleted(member) && !hasShortcomings(member),
      )
    : [];
  // A paper session's member with no count typed nor entered: nothing to warn about yet.
  const untallied = (member: RollMember) =>
    paper &&
    member.tally.state === "none" &&
    voteFields.every((field) => draftFor(member)[field] === null);
  const warnings =
    live?.warnings.filter((warning) => {
      if (warning.code === remedyWarning) return false;
      const member = session.roll.find((m) => m.input.id === warning.member_id);
      return member === undefined || !untallied(member);
    }) ?? [];
  const noteMember = session.roll.find((member) => member.member_id === noteOf);

  const changeVote = (member: RollMember, field: VoteField, value: number | null) => {
    const next = { ...drafts, [member.member_id]: { ...draftFor(member), [field]: value } };
    setDrafts(next);
    send(next);
  };

  const saveTally = (member: RollMember) => {
    enterTally.mutate(
      { memberId: member.member_id, votes: votesOf(draftFor(member)) },
      {
        onSuccess: (tally) => {
          // The saved entry now comes back as the caller's own: the typed numbers are done.
          setDrafts((current) => {
            const rest = { ...current };
            delete rest[member.member_id];
            return rest;
          });
          const text = tallyStateText(t, tally.state, tally.mismatch);
          if (tally.state === "mismatch") void message.warning(text);
          else void message.success(`${t("voting.tally.saved")}: ${text}`);
        },
        onError: (error) => void message.error(errorMessage(error, t)),
      },
    );
  };

  const changeRoll = (member: RollMember, change: Partial<RollChange>) => {
    updateRoll.mutate(
      [
        {
          member_id: member.member_id,
          present: member.present,
          faults: member.faults,
          leader_unit_rating: member.leader_unit_rating ?? null,
          leader_party_org_rating: member.leader_party_org_rating ?? null,
          ...change,
        },
      ],
      { onError: (error) => void message.error(errorMessage(error, t)) },
    );
  };

  const confirmFinalize = () => {
    setProblem(null);
    void modal.confirm({
      title: t("voting.finalize.confirm"),
      okText: t("voting.finalize"),
      cancelText: t("common.cancel"),
      onOk: () =>
        finalize
          .mutateAsync()
          .then(() => void message.success(t("voting.finalized")))
          .catch((error: unknown) => setProblem(errorMessage(error, t))),
    });
  };

  const confirmClose = () => {
    setProblem(null);
    void modal.confirm({
      title: t("voting.close.confirm"),
      okText: t("voting.close"),
      cancelText: t("common.cancel"),
      onOk: () =>
        close
          .mutateAsync()
          .then(() => void message.success(t("voting.closed")))
          .catch((error: unknown) => setProblem(errorMessage(error, t))),
    });
  };

  const decideOutstanding = (approved: boolean) => {
    setProblem(null);
    decide.mutate(approved, { onError: (error) => setProblem(errorMessage(error, t)) });
  };
  const decision = session.outstanding_decision ?? null;
  const canDecide = runsCycles(me) && notesEditable;

  const rollEditable = open;
  const options = (values: readonly string[], text: (value: string) => string) =>
    values.map((value) => ({ value, label: text(value) }));

  return (
    <Flex vertical gap={16} data-testid="voting-session">
      <div>
        <Link to={`/cycles/${session.cycle_id}`}>
          <ArrowLeftOutlined /> {cycle ? `${t("cycles.title")} ${cycle.year}` : t("cycles.title")}
        </Link>
      </div>
      <Typography.Title level={2}>
        {t("voting.session.title", { branch: session.branch_name })}
      </Typography.Title>
      {lacking.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="shortcomings-missing"
          title={ct("note.missing.title")}
          description={
            <Flex gap={4} align="center" wrap>
              {ct("note.missing.description")}
              {lacking.map((member) => (
                <Button
                  key={member.member_id}
                  type="link"
                  size="small"
                  onClick={() => setNoteOf(member.member_id)}
                >
                  {member.full_name}
                </Button>
              ))}
            </Flex>
          }
        />
      )}
      <Flex align="center" gap={16} wrap>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            {
              key: "status",
              label: t("voting.status"),
              children: (
                <Tag color={sessionStatusColor(session.status)} data-testid="session-status">
                  {sessionStatusText(t, session.status)}
                </Tag>
              ),
            },
            { key: "mode", label: t("voting.mode"), children: sessionModeText(t, session.mode) },
            { key: "kind", label: t("voting.kind"), children: sessionKindText(t, session.kind) },
            { key: "held", label: t("voting.heldOn"), children: formatDay(session.held_on) },
          ]}
        />
        <Space wrap>
          {!paper && open && (
            <>
              <Link to={`/voting-sessions/${sid}/ballot`}>{t("voting.ballotLink")}</Link>
              <Button icon={<StopOutlined />} loading={close.isPending} onClick={confirmClose}>
                {t("voting.close")}
              </Button>
            </>
          )}
          {canFinalize && (
            <Button
              type="primary"
              icon={<CheckOutlined />}
              loading={finalize.isPending}
              onClick={confirmFinalize}
            >
              {t("voting.finalize")}
            </Button>
          )}
          {/* Nothing to count while electronic voting is open. */}
          {(paper || !open) && <MinutesDownload sid={sid} />}
        </Space>
      </Flex>
      {session.status === "returned" && session.appraisal_comment && (
        <Alert
          type="warning"
          showIcon
          title={t("voting.appraisalComment", { comment: session.appraisal_comment })}
        />
      )}
      {session.outstanding_unit && (
        <Alert
          type={decision === "approved" ? "success" : decision === "refused" ? "warning" : "info"}
          showIcon
          data-testid="outstanding-decision"
          title={ct(
            decision === "approved"
              ? "outstanding.approved"
              : decision === "refused"
                ? "outstanding.refused"
                : "outstanding.pending",
          )}
          description={
            decision !== null && session.outstanding_decided_by
              ? ct("outstanding.decidedBy", { name: session.outstanding_decided_by })
              : undefined
          }
          action={
            canDecide && (
              <Space wrap>
                <Button
                  size="small"
                  type="primary"
                  disabled={decide.isPending || decision === "approved"}
                  loading={decide.isPending && decide.variables}
                  onClick={() => decideOutstanding(true)}
                >
                  {ct("outstanding.approve")}
                </Button>
                <Button
                  size="small"
                  danger
                  disabled={decide.isPending || decision === "refused"}
                  loading={decide.isPending && !decide.variables}
                  onClick={() => decideOutstanding(false)}
                >
                  {ct("outstanding.refuse")}
                </Button>
              </Space>
            )
          }
        />
      )}
      {problem && (
        <Alert
          type="error"
          showIcon
          title={problem}
          closable
          onClose={() => setProblem(null)}
          data-testid="session-problem"
        />
      )}
      <OutcomeSummary
        t={t}
        testId="session-summary"
        denominatorLabel={t("voting.denominator")}
        preview={{
          denominator: live?.denominator ?? session.denominator,
          voters_present: live?.voters_present ?? session.voters_present,
          registered: live?.registered ?? session.registered,
          quota: live?.quota,
        }}
        extra={
          !paper && (
            <Flex gap={16} align="center" style={{ marginTop: 12 }}>
              <Statistic title={t("voting.ballotsCast")} value={session.ballots_cast} />
              {open && (
                <Typography.Text type="secondary">{t("voting.electronicOpen")}</Typography.Text>
              )}
            </Flex>
          )
        }
      />
      {preview.isError && request !== null && (
        <Alert type="error" showIcon title={errorMessage(preview.error, t)} />
      )}
      {finalized && (
        <>
          <Typography.Title level={4}>{t("voting.results")}</Typography.Title>
          <VotingResults
            results={session.results}
            onMember={
              runsCycles(me)
                ? (result) => setHistoryOf({ id: result.member_id, name: result.full_name })
                : undefined
            }
          />
        </>
      )}
      <Typography.Title level={4}>{t("voting.roll")}</Typography.Title>
      <Table<RollMember>
        data-testid="voting-roll"
        size="small"
        rowKey="member_id"
        pagination={false}
        scroll={{ x: true }}
        dataSource={session.roll}
        columns={[
          {
            title: t("voting.name"),
            key: "name",
            render: (_, member) => (
              <Flex vertical gap={4} style={{ minWidth: 150 }}>
                <Typography.Text strong={member.subject}>{member.full_name}</Typography.Text>
                <Space size={[4, 4]} wrap>
                  {!member.official && <Tag>{t("voting.probationary")}</Tag>}
                  {member.exempt && <Tag>{t("voting.exempt")}</Tag>}
                  {member.attached && <Tag>{t("voting.attached")}</Tag>}
                  {member.leader && <Tag color="purple">{t("voting.leader")}</Tag>}
                  {!member.subject && (
                    <Typography.Text type="secondary">{t("voting.notSubject")}</Typography.Text>
                  )}
                </Space>
              </Flex>
            ),
          },
          {
            title: t("voting.present"),
            key: "present",
            align: "center",
            render: (_, member) => (
              <Checkbox
                aria-label={`${t("voting.present")} ${member.full_name}`}
                checked={member.present}
                disabled={!rollEditable || updateRoll.isPending}
                onChange={(event) => changeRoll(member, { present: event.target.checked })}
              />
            ),
          },
          {
            title: t("voting.faults"),
            key: "faults",
            align: "center",
            render: (_, member) => (
              <Checkbox
                aria-label={`${t("voting.faults")} ${member.full_name}`}
                checked={member.faults}
                disabled={!rollEditable || updateRoll.isPending}
                onChange={(event) => changeRoll(member, { faults: event.target.checked })}
              />
            ),
          },
          {
            title: t("voting.leaderRatings"),
            key: "leader",
            render: (_, member) =>
              member.leader && (
                <Flex vertical gap={4} style={{ minWidth: 200 }}>
                  <Select
                    aria-label={`${t("whatIf.unitRating")} ${member.full_name}`}
                    placeholder={t("whatIf.unitRating")}
                    disabled={!rollEditable}
                    value={member.leader_unit_rating ?? undefined}
                    onChange={(value: string) => changeRoll(member, { leader_unit_rating: value })}
                    options={options(unitRatings, (value) =>
                      t("whatIf.unitRating.value", { level: classificationLevelText(t, value) }),
                    )}
                  />
                  <Select
                    aria-label={`${t("whatIf.partyOrgRating")} ${member.full_name}`}
                    placeholder={t("whatIf.partyOrgRating")}
                    disabled={!rollEditable}
                    value={member.leader_party_org_rating ?? undefined}
                    onChange={(value: string) =>
                      changeRoll(member, { leader_party_org_rating: value })
                    }
                    options={options(partyOrgRatings, (value) =>
                      t("whatIf.partyOrgRating.value", { level: partyOrgRatingText(t, value) }),
                    )}
                  />
                </Flex>
              ),
          },
          ...(paper
            ? [
                {
                  title: t("voting.votes"),
                  key: "votes",
                  render: (_: unknown, member: RollMember) => {
                    if (!member.subject) return null;
                    const draft = draftFor(member);
                    const editable = open && member.tally.state !== "confirmed";
                    return (
                      <Flex gap={4} wrap style={{ minWidth: 260 }}>
                        {voteFields.map((field) => (
                          <InputNumber
                            key={field}
                            min={0}
                            precision={0}
                            style={{ width: 120 }}
                            aria-label={`${t(`whatIf.votes.${field}`)} ${member.full_name}`}
                            prefix={t(`whatIf.votes.${field}`)}
                            disabled={!editable}
                            value={draft[field]}
                            onChange={(count) => changeVote(member, field, count)}
                          />
                        ))}
                        {editable && (
                          <Button
                            icon={<SaveOutlined />}
                            aria-label={`${t("common.save")} ${member.full_name}`}
                            loading={
                              enterTally.isPending &&
                              enterTally.variables.memberId === member.member_id
                            }
                            onClick={() => saveTally(member)}
                          >
                            {t("common.save")}
                          </Button>
                        )}
                      </Flex>
                    );
                  },
                },
                {
                  title: t("voting.tally"),
                  key: "tally",
                  render: (_: unknown, member: RollMember) =>
                    member.subject && (
                      <Flex vertical gap={4} data-testid="tally-state">
                        <div>
                          <Tag color={tallyStateColor(member.tally.state)}>
                            {tallyStateText(t, member.tally.state, member.tally.mismatch)}
                          </Tag>
                        </div>
                        {member.tally.state === "first_entry" && member.tally.entered_by_me && (
                          <Typography.Text type="secondary">
                            {t("voting.tally.secondByOther")}
                          </Typography.Text>
                        )}
                      </Flex>
                    ),
                },
              ]
            : []),
          {
            title: t("voting.result"),
            key: "result",
            // Before any number is typed, a member has no result yet, not a revote (issue #17).
            render: (_, member) =>
              member.subject &&
              (untallied(member) ? (
                <Tag data-testid="session-result">{ct("tally.notEntered")}</Tag>
              ) : (
                <ResultCell t={t} result={resultOf(member)} testId="session-result" />
              )),
          },
          {
            title: ct("note.column"),
            key: "note",
            render: (_, member) => (
              <Flex vertical gap={4} align="start" style={{ minWidth: 180, maxWidth: 280 }}>
                {lacking.includes(member) && (
                  <Tag color="orange" data-testid="needs-shortcomings">
                    {ct("note.needsShortcomings")}
                  </Tag>
                )}
                {member.note?.opinions && (
                  <Typography.Text type="secondary" ellipsis={{ tooltip: member.note.opinions }}>
                    {ct("note.summary.opinions", { text: member.note.opinions })}
                  </Typography.Text>
                )}
                {member.note?.shortcomings && (
                  <Typography.Text
                    type="secondary"
                    ellipsis={{ tooltip: member.note.shortcomings }}
                  >
                    {ct("note.summary.shortcomings", {
                      text: member.note.shortcomings,
                      date: formatDay(member.note.remedy_by),
                    })}
                  </Typography.Text>
                )}
                {notesEditable && (
                  <Button
                    size="small"
                    icon={<EditOutlined />}
                    aria-label={ct("note.actionOne", { name: member.full_name })}
                    onClick={() => setNoteOf(member.member_id)}
                  >
                    {ct("note.action")}
                  </Button>
                )}
              </Flex>
            ),
          },
        ]}
      />
      {warnings.length > 0 && (
        <Flex vertical gap={8} data-testid="session-warnings">
          <Typography.Title level={5}>{t("voting.warnings")}</Typography.Title>
          {warnings.map((warning, at) => {
            const name = nameOf(warning.member_id);
            return (
              <Alert
                key={at}
                type="warning"
                showIcon
                title={
                  <>
                    <Tooltip title={warning.code}>
                      <Tag>{warning.code}</Tag>
                    </Tooltip>
                    {name ? `${name}: ` : ""}
                    {warning.message}
                  </>
                }
              />
            );
          })}
        </Flex>
      )}
      {/* Nothing to record while electronic voting is open. */}
      {(paper || !open) && (
        <>
          <TallyMinutesForm session={session} />
          <SessionScans sid={sid} />
        </>
      )}
      {noteMember && (
        <MeetingNoteDrawer
          key={noteMember.member_id}
          session={session}
          member={noteMember}
          completed={noteMember.subject && isCompleted(noteMember)}
          onClose={() => setNoteOf(null)}
        />
      )}
      {historyOf && cycle && (
        <MemberResultsDrawer
          cycleId={cycle.id}
          memberId={historyOf.id}
          name={historyOf.name}
          onClose={() => setHistoryOf(null)}
        />
      )}
    </Flex>
  );
}
