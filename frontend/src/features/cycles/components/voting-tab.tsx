import { PlusOutlined } from "@ant-design/icons";
import {
  Alert,
  Button,
  Checkbox,
  DatePicker,
  Flex,
  Form,
  Modal,
  Select,
  Space,
  Table,
  Tag,
} from "antd";
import type dayjs from "dayjs";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { FormError } from "@/components/ui/form-error";
import type { Cycle } from "@/features/cycles/api/cycles";
import {
  useCycleBranches,
  useOpenVotingSession,
  useVotingSessions,
  type SessionSummary,
} from "@/features/cycles/api/voting";
import {
  sessionKinds,
  sessionKindText,
  sessionModes,
  sessionModeText,
  sessionStatusColor,
  sessionStatusText,
} from "@/features/cycles/components/voting-labels";
import { branchCommitteeOrgIds, isAdmin, runsCycles } from "@/lib/auth/permissions";
import type { Me } from "@/lib/auth/use-session";
import { formatDay, toApiDay, todayInVietnam } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { PAGE_SIZE_OPTIONS, TABLE_PER_PAGE } from "@/lib/paging";
import { errorMessage, useFormProblem } from "@/lib/problems";

/** The cycle's voting sessions, and opening one for a branch the caller runs. */
export function VotingTab({ me, cycle }: { me: Me; cycle: Cycle }) {
  const t = useT();
  const [paging, setPaging] = useState({ page: 1, per_page: TABLE_PER_PAGE });
  const sessions = useVotingSessions(cycle.id, paging);
  const [opening, setOpening] = useState(false);
  const navigate = useNavigate();

  return (
    <Flex vertical gap={16} data-testid="voting-tab">
      <div>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)}>
          {t("voting.open")}
        </Button>
      </div>
      {sessions.isError && (
        <Alert type="error" showIcon title={errorMessage(sessions.error, t)} />
      )}
      <Table<SessionSummary>
        data-testid="voting-sessions"
        size="small"
        rowKey="id"
        loading={sessions.isFetching}
        dataSource={sessions.data?.items}
        pagination={{
          current: paging.page,
          pageSize: paging.per_page,
          total: sessions.data?.total ?? 0,
          // A short list (the usual case) shows no pager at all.
          hideOnSinglePage: true,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZE_OPTIONS,
          showTotal: (total) => t("common.total", { total }),
          onChange: (page, per_page) => setPaging({ page, per_page }),
        }}
        locale={{ emptyText: t("voting.sessions.empty") }}
        columns={[
          { title: t("voting.branch"), dataIndex: "branch_name" },
          { title: t("voting.heldOn"), dataIndex: "held_on", render: formatDay },
          {
            title: t("voting.mode"),
            dataIndex: "mode",
            render: (mode: string) => sessionModeText(t, mode),
          },
          {
            title: t("voting.kind"),
            dataIndex: "kind",
            render: (kind: string) => sessionKindText(t, kind),
          },
          {
            title: t("voting.status"),
            dataIndex: "status",
            render: (status: string) => (
              <Tag color={sessionStatusColor(status)}>{sessionStatusText(t, status)}</Tag>
            ),
          },
          {
            key: "actions",
            render: (_, session) => (
              <Space>
                <Link to={`/voting-sessions/${session.id}`}>{t("voting.view")}</Link>
                {session.mode === "electronic" && session.status === "open" && (
                  <Link to={`/voting-sessions/${session.id}/ballot`}>
                    {t("voting.ballotLink")}
                  </Link>
                )}
              </Space>
            ),
          },
        ]}
      />
      {opening && (
        <OpenSessionModal
          me={me}
          cycle={cycle}
          onClose={() => setOpening(false)}
          onOpened={(session) => void navigate(`/voting-sessions/${session.id}`)}
        />
      )}
    </Flex>
  );
}

type Values = {
  branch_id: number;
  mode: string;
  kind: string;
  held_on: dayjs.Dayjs;
  outstanding_unit: boolean;
};

function OpenSessionModal({
  me,
  cycle,
  onClose,
  onOpened,
}: {
  me: Me;
  cycle: Cycle;
  onClose: () => void;
  onOpened: (session: SessionSummary) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const branches = useCycleBranches(cycle.organization_id);
  const open = useOpenVotingSession(cycle.id);
  // 409s of opening name no field: they show above the form.
  const problem = useFormProblem(form);
  // A branch committee opens sessions in its own branches; those who run the cycle in any.
  const own = branchCommitteeOrgIds(me);
  const mine = (branches.data ?? []).filter(
    (branch) => isAdmin(me) || runsCycles(me) || own.includes(branch.id),
  );

  const submit = (values: Values) => {
    problem.setMessage(null);
    open.mutate(
      {
        branch_id: values.branch_id,
        mode: values.mode,
        kind: values.kind,
        held_on: toApiDay(values.held_on),
        outstanding_unit: values.outstanding_unit,
      },
      { onSuccess: onOpened, onError: problem.show },
    );
  };

  return (
    <Modal
      open
      title={t("voting.open")}
      okText={t("voting.open")}
      cancelText={t("common.cancel")}
      confirmLoading={open.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <FormError message={problem.message} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={open.isPending}
        initialValues={{
          branch_id: mine.length === 1 ? mine[0].id : undefined,
          mode: "paper_tally",
          kind: "regular",
          held_on: todayInVietnam(),
          outstanding_unit: false,
        }}
      >
        <Form.Item
          name="branch_id"
          label={t("voting.branch")}
          rules={[{ required: true, message: t("validation.required") }]}
        >
          <Select
            aria-label={t("voting.branch")}
            loading={branches.isPending}
            options={mine.map((branch) => ({ value: branch.id, label: branch.name }))}
          />
        </Form.Item>
        <Form.Item name="mode" label={t("voting.mode")}>
          <Select
            aria-label={t("voting.mode")}
            options={sessionModes.map((mode) => ({ value: mode, label: sessionModeText(t, mode) }))}
          />
        </Form.Item>
        <Form.Item name="kind" label={t("voting.kind")}>
          <Select
            aria-label={t("voting.kind")}
            options={sessionKinds.map((kind) => ({ value: kind, label: sessionKindText(t, kind) }))}
          />
        </Form.Item>
        <Form.Item
          name="held_on"
          label={t("voting.heldOn")}
          rules={[{ required: true, message: t("validation.required") }]}
        >
          <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="outstanding_unit" valuePropName="checked">
          <Checkbox>{t("voting.outstandingUnit")}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
