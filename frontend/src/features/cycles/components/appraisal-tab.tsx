import {
  Alert,
  App,
  Button,
  Flex,
  Form,
  Input,
  Modal,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { Link } from "react-router";
import {
  useAppraisal,
  useAppraise,
  useVotingSession,
  type BranchAppraisal,
  type ResultRecord,
  type SessionSummary,
} from "@/features/cycles/api/voting";
import { MemberResultsDrawer } from "@/features/cycles/components/member-results-drawer";
import { sessionStatusColor, sessionStatusText } from "@/features/cycles/components/voting-labels";
import { VotingResults } from "@/features/cycles/components/voting-results";
import { formatDay } from "@/lib/format";
import type { MessageKey } from "@/lib/i18n/messages";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage } from "@/lib/problems";

const countColumns = [
  "members",
  "excellent",
  "good",
  "completed",
  "not_completed",
  "pending",
  "not_classified",
  "unresolved",
  "not_voted",
] as const;

type Member = { id: number; name: string };

/**
 * The base committee's appraisal: every branch's counts per level and its sessions, the
 * base-wide quota (Q5, a warning only), approving or returning each finalized proposal.
 */
export function AppraisalTab({ cycleId }: { cycleId: number }) {
  const t = useT();
  const { modal, message } = App.useApp();
  const appraisal = useAppraisal(cycleId);
  const appraise = useAppraise(cycleId);
  const [returning, setReturning] = useState<SessionSummary | null>(null);
  const [member, setMember] = useState<Member | null>(null);

  if (appraisal.isPending) return <Spin />;
  if (appraisal.isError)
    return <Alert type="error" showIcon title={errorMessage(appraisal.error, t)} />;
  const { branches, total, quota, warnings } = appraisal.data;

  const approve = (session: SessionSummary) => {
    void modal.confirm({
      title: t("appraisal.approve.confirm", { branch: session.branch_name }),
      okText: t("appraisal.approve"),
      cancelText: t("common.cancel"),
      onOk: () =>
        appraise
          .mutateAsync({ sid: session.id, body: { decision: "approve" } })
          .then(() => void message.success(t("appraisal.approved")))
          .catch((error: unknown) => void message.error(errorMessage(error, t))),
    });
  };

  const label = (column: (typeof countColumns)[number]): string =>
    column === "members" ? t("appraisal.members") : t(`appraisal.${column}` as MessageKey);

  return (
    <Flex vertical gap={16} data-testid="appraisal-tab">
      {quota.exceeded && (
        <Alert
          type="warning"
          showIcon
          data-testid="q5-warning"
          title={t("appraisal.q5", {
            percent: quota.percent,
            excellent: quota.excellent,
            counted: quota.counted,
          })}
        />
      )}
      {warnings.map((warning) => (
        <Alert key={warning} type="warning" showIcon title={warning} />
      ))}
      <Table<BranchAppraisal>
        data-testid="appraisal-table"
        size="small"
        rowKey="branch_id"
        pagination={false}
        scroll={{ x: true }}
        dataSource={branches}
        expandable={{
          rowExpandable: (branch) => branch.sessions.some((session) => session.status !== "open"),
          expandedRowRender: (branch) => (
            <Flex vertical gap={8}>
              {branch.sessions
                .filter((session) => session.status !== "open")
                .map((session) => (
                  <SessionResults
                    key={session.id}
                    session={session}
                    onMember={(result) =>
                      setMember({ id: result.member_id, name: result.full_name })
                    }
                  />
                ))}
            </Flex>
          ),
        }}
        columns={[
          { title: t("appraisal.branch"), dataIndex: "name", fixed: "left" },
          ...countColumns.map((column) => ({
            title: label(column),
            dataIndex: column,
            align: "right" as const,
          })),
          {
            title: t("appraisal.sessions"),
            key: "sessions",
            render: (_, branch) => (
              <Flex vertical gap={4}>
                {branch.sessions.map((session) => (
                  <Space key={session.id} size={[4, 4]} wrap data-testid="appraisal-session">
                    <Link to={`/voting-sessions/${session.id}`}>{formatDay(session.held_on)}</Link>
                    <Tag color={sessionStatusColor(session.status)}>
                      {sessionStatusText(t, session.status)}
                    </Tag>
                    {session.status === "finalized" && (
                      <>
                        <Button
                          size="small"
                          type="primary"
                          loading={appraise.isPending && appraise.variables.sid === session.id}
                          onClick={() => approve(session)}
                        >
                          {t("appraisal.approve")}
                        </Button>
                        <Button size="small" danger onClick={() => setReturning(session)}>
                          {t("appraisal.return")}
                        </Button>
                      </>
                    )}
                  </Space>
                ))}
              </Flex>
            ),
          },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} />
            <Table.Summary.Cell index={1}>
              <Typography.Text strong>{t("appraisal.total")}</Typography.Text>
            </Table.Summary.Cell>
            {countColumns.map((column, at) => (
              <Table.Summary.Cell key={column} index={at + 2} align="right">
                <Typography.Text strong>{total[column]}</Typography.Text>
              </Table.Summary.Cell>
            ))}
            <Table.Summary.Cell index={countColumns.length + 2} />
          </Table.Summary.Row>
        )}
      />
      {returning && (
        <ReturnModal cycleId={cycleId} session={returning} onClose={() => setReturning(null)} />
      )}
      {member && (
        <MemberResultsDrawer
          cycleId={cycleId}
          memberId={member.id}
          name={member.name}
          onClose={() => setMember(null)}
        />
      )}
    </Flex>
  );
}

/** A finalized session's results, fetched when its branch is expanded. */
function SessionResults({
  session,
  onMember,
}: {
  session: SessionSummary;
  onMember: (result: ResultRecord) => void;
}) {
  const t = useT();
  const full = useVotingSession(session.id);
  return (
    <Flex vertical gap={4}>
      <Typography.Text strong>
        {t("appraisal.results")} — {formatDay(session.held_on)}
      </Typography.Text>
      {full.isError ? (
        <Alert type="error" showIcon title={errorMessage(full.error, t)} />
      ) : full.isPending ? (
        <Spin />
      ) : (
        <VotingResults results={full.data.results} onMember={onMember} />
      )}
    </Flex>
  );
}

function ReturnModal({
  cycleId,
  session,
  onClose,
}: {
  cycleId: number;
  session: SessionSummary;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ comment: string }>();
  const appraise = useAppraise(cycleId);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = ({ comment }: { comment: string }) => {
    setProblem(null);
    appraise.mutate(
      { sid: session.id, body: { decision: "return", comment: comment.trim() } },
      {
        onSuccess: () => {
          void message.success(t("appraisal.returned"));
          onClose();
        },
        onError: (error) => setProblem(errorMessage(error, t)),
      },
    );
  };
  return (
    <Modal
      open
      title={t("appraisal.return.title", { branch: session.branch_name })}
      okText={t("appraisal.return")}
      okButtonProps={{ danger: true }}
      cancelText={t("common.cancel")}
      confirmLoading={appraise.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="comment"
          label={t("appraisal.comment")}
          rules={[
            { required: true, whitespace: true, message: t("appraisal.comment.required") },
            { max: 5000, message: t("validation.max", { max: 5000 }) },
          ]}
        >
          <Input.TextArea rows={4} aria-label={t("appraisal.comment")} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
