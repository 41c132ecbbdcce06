import { Alert, App, Button, Flex, Form, Input, Modal, Spin, Table, Tag } from "antd";
import { useState } from "react";
import {
  useDecideNomination,
  useNominations,
  type Nomination,
  type Scope,
} from "@/features/rewards/api/rewards";
import { EvidenceTags } from "@/features/rewards/components/evidence-tags";
import { rewardText, statusColor, statusText } from "@/features/rewards/components/labels";
import { useRewardsT } from "@/features/rewards/messages";
import { formatDate } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { PAGE_SIZE_OPTIONS, TABLE_PER_PAGE } from "@/lib/paging";
import { errorMessage, useFormProblem } from "@/lib/problems";

type Decision = "approve" | "reject" | "revoke";

/** What the committee above may decide on a nomination in this status. */
function decisionsFor(status: string): Decision[] {
  if (status === "nominated") return ["approve", "reject"];
  return status === "approved" ? ["revoke"] : [];
}

/**
 * The year's nominations of the organisation (and of its bases, for a district). `decides` says
 * whether the viewer is the committee above a nomination's nominating organisation.
 */
export function NominationList({
  scope,
  decides,
}: {
  scope: Scope;
  decides: (nomination: Nomination) => boolean;
}) {
  const t = useT();
  const rt = useRewardsT();
  const [paging, setPaging] = useState({ page: 1, per_page: TABLE_PER_PAGE });
  const nominations = useNominations(scope, paging);
  const [deciding, setDeciding] = useState<{ nomination: Nomination; decision: Decision } | null>(
    null,
  );

  if (nominations.isPending) return <Spin />;
  if (nominations.isError) {
    return <Alert type="error" showIcon title={errorMessage(nominations.error, t)} />;
  }
  return (
    <>
      <Table<Nomination>
        data-testid="nominations"
        size="small"
        rowKey="id"
        loading={nominations.isFetching}
        dataSource={nominations.data.items}
        pagination={{
          current: paging.page,
          pageSize: paging.per_page,
          total: nominations.data.total,
          // A short list (the usual case) shows no pager at all.
          hideOnSinglePage: true,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZE_OPTIONS,
          showTotal: (total) => t("common.total", { total }),
          onChange: (page, per_page) => setPaging({ page, per_page }),
        }}
        locale={{ emptyText: rt("rewards.nominations.empty") }}
        columns={[
          { title: rt("rewards.name"), dataIndex: "nominee_name" },
          {
            title: rt("rewards.reward"),
            key: "reward",
            render: (_, row) => rewardText(rt, row.reward),
          },
          {
            title: rt("rewards.evidence"),
            key: "evidence",
            render: (_, row) => <EvidenceTags years={row.evidence} />,
          },
          {
            title: rt("rewards.status"),
            key: "status",
            render: (_, row) => <Tag color={statusColor(row.status)}>{statusText(rt, row.status)}</Tag>,
          },
          { title: rt("rewards.nominatedBy"), dataIndex: "nominated_by" },
          {
            title: rt("rewards.createdAt"),
            key: "created_at",
            render: (_, row) => formatDate(row.created_at),
          },
          {
            title: rt("rewards.comment"),
            key: "comment",
            render: (_, row) => row.revoked_reason ?? row.decision_comment ?? "",
          },
          {
            title: rt("rewards.actions"),
            key: "actions",
            render: (_, row) =>
              decides(row) && (
                <Flex gap={4}>
                  {decisionsFor(row.status).map((decision) => (
                    <Button
                      key={decision}
                      size="small"
                      danger={decision !== "approve"}
                      onClick={() => setDeciding({ nomination: row, decision })}
                    >
                      {rt(`rewards.decision.${decision}`)}
                    </Button>
                  ))}
                </Flex>
              ),
          },
        ]}
      />
      {deciding && (
        <DecisionModal
          key={`${deciding.nomination.id}-${deciding.decision}`}
          {...deciding}
          onClose={() => setDeciding(null)}
        />
      )}
    </>
  );
}

function DecisionModal({
  nomination,
  decision,
  onClose,
}: {
  nomination: Nomination;
  decision: Decision;
  onClose: () => void;
}) {
  const rt = useRewardsT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ comment?: string }>();
  const decide = useDecideNomination();
  const problem = useFormProblem(form);
  const revoking = decision === "revoke";
  const label = rt(`rewards.decision.${decision}`);

  const submit = ({ comment }: { comment?: string }) => {
    problem.setMessage(null);
    decide.mutate(
      { id: nomination.id, decision, comment: comment?.trim() || null },
      {
        onSuccess: () => {
          void message.success(rt("rewards.decided", { decision: label }));
          onClose();
        },
        onError: problem.show,
      },
    );
  };

  return (
    <Modal
      open
      title={rt("rewards.decision.title", { decision: label, name: nomination.nominee_name })}
      okText={label}
      okButtonProps={{ danger: decision !== "approve", loading: decide.isPending }}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      {revoking && (
        <Alert type="warning" showIcon title={rt("rewards.decision.revokeHint")} style={{ marginBottom: 16 }} />
      )}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="comment"
          label={revoking ? rt("rewards.decision.reason") : rt("rewards.decision.comment")}
          rules={
            revoking
              ? [{ required: true, whitespace: true, message: rt("rewards.decision.reasonRequired") }]
              : []
          }
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
      {problem.message && <Alert type="error" showIcon title={problem.message} />}
    </Modal>
  );
}
