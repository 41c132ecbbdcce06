import { DeleteOutlined, EditOutlined, PlusOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  Radio,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { useMemo, useState } from "react";
import { ApiError } from "@/api/problem";
import { OrgYearForm } from "@/components/org-year-form";
import { FormError } from "@/components/ui/form-error";
import { VersionedFormModal } from "@/components/ui/versioned-form-modal";
import {
  useAppraisalTeams,
  useCreateAppraisalTeam,
  useDeleteAppraisalTeam,
  useUpdateAppraisalTeam,
  type AppraisalTeam,
  type AppraisalTeamInput,
  type Conclusion,
  type TeamsKey,
} from "@/features/appraisal-teams/api/appraisal-teams";
import {
  useAppraisalTeamsT,
  type AppraisalTeamsTranslate,
} from "@/features/appraisal-teams/messages";
import { committeeOrgIds, isAdmin } from "@/lib/auth/permissions";
import type { Me } from "@/lib/auth/use-session";
import { orgKindText } from "@/lib/domain/labels";
import { formatDay, toApiDay } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { flattenTree, useOrgTree, type Organization } from "@/lib/org-tree";
import { useOrgYearParams, useOwnOrg } from "@/lib/org-year";
import { errorMessage, staleOn412, useFormProblem } from "@/lib/problems";

// The organisations whose committee forms appraisal teams for those below it.
const formingKinds = ["province", "district", "base"];
const formsTeams = (org: Organization) => formingKinds.includes(org.kind);

const forbidden = (error: unknown) => error instanceof ApiError && error.status === 403;

function conclusionTag(at: AppraisalTeamsTranslate, conclusion: string | null | undefined) {
  if (conclusion === "confirmed") {
    return <Tag color="green">{at("appraisalTeams.conclusion.confirmed")}</Tag>;
  }
  if (conclusion === "adjust") {
    return <Tag color="orange">{at("appraisalTeams.conclusion.adjust")}</Tag>;
  }
  return <Typography.Text type="secondary">{at("appraisalTeams.conclusion.none")}</Typography.Text>;
}

/**
 * Guidance C.5: the appraisal teams an organisation's committee sends to the organisations below
 * it in a year, and those sent to it from above (read-only). The organisation and the year live
 * in the address.
 */
export function AppraisalTeamsPage({ me }: { me: Me }) {
  const at = useAppraisalTeamsT();
  const tree = useOrgTree();
  const organizations = useMemo(() => flattenTree(tree.data ?? []), [tree.data]);
  // The user's own organisation first (their committee's, else any role's), else the first one.
  const ownOrg = useOwnOrg(me, organizations, formsTeams);
  const { orgId, year, choose } = useOrgYearParams(ownOrg);
  // The organisations strictly below the chosen one: where its teams may go.
  const below = useMemo(
    () =>
      orgId === undefined ? [] : organizations.filter((org) => org.ancestor_ids.includes(orgId)),
    [organizations, orgId],
  );

  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {at("appraisalTeams.intro")}
      </Typography.Paragraph>
      <OrgYearForm
        orgLabel={at("appraisalTeams.organization")}
        yearLabel={at("appraisalTeams.year")}
        orgId={orgId}
        year={year}
        offered={formsTeams}
        onChange={choose}
      />
      {orgId === undefined ? (
        tree.isPending ? (
          <Spin />
        ) : (
          <Empty description={at("appraisalTeams.noOrganization")} />
        )
      ) : (
        <TeamsTable
          key={`${orgId}-${year}`}
          teamsKey={{ org: orgId, year }}
          below={below}
          writes={isAdmin(me) || committeeOrgIds(me).includes(orgId)}
        />
      )}
    </Flex>
  );
}

function TeamsTable({
  teamsKey,
  below,
  writes,
}: {
  teamsKey: TeamsKey;
  below: Organization[];
  /** The organisation's own committee (the API has the last word: 403 hides the buttons). */
  writes: boolean;
}) {
  const t = useT();
  const at = useAppraisalTeamsT();
  const { modal, message } = App.useApp();
  const teams = useAppraisalTeams(teamsKey);
  const remove = useDeleteAppraisalTeam(teamsKey);
  const [refused, setRefused] = useState(false);
  const [editing, setEditing] = useState<AppraisalTeam | "new" | null>(null);
  const canWrite = writes && !refused;
  // A team the chosen organisation formed (not one sent to it from above).
  const ownTeam = (team: AppraisalTeam) => team.organization_id === teamsKey.org;

  const confirmRemove = (team: AppraisalTeam) => {
    void modal.confirm({
      title: at("appraisalTeams.delete.confirm", { target: team.target_name }),
      okText: t("common.delete"),
      okButtonProps: { danger: true },
      cancelText: t("common.cancel"),
      onOk: () =>
        remove
          .mutateAsync(team.id)
          .then(() => void message.success(at("appraisalTeams.deleted")))
          .catch((error: unknown) => {
            if (forbidden(error)) setRefused(true);
            void message.error(
              error instanceof ApiError && error.status === 412
                ? at("appraisalTeams.stale")
                : errorMessage(error, t),
            );
          }),
    });
  };

  if (teams.isPending) return <Spin />;
  if (teams.isError) {
    const refusedRead = forbidden(teams.error);
    return (
      <Alert
        type={refusedRead ? "warning" : "error"}
        showIcon
        title={refusedRead ? at("appraisalTeams.forbidden") : errorMessage(teams.error, t)}
      />
    );
  }

  return (
    <Flex vertical gap={16} data-testid="appraisal-teams">
      {canWrite && (
        <div>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")}>
            {at("appraisalTeams.create")}
          </Button>
        </div>
      )}
      {teams.data.length === 0 ? (
        <Empty description={at("appraisalTeams.empty")} />
      ) : (
        <Table<AppraisalTeam>
          size="small"
          rowKey="id"
          pagination={false}
          scroll={{ x: true }}
          dataSource={teams.data}
          columns={[
            {
              title: at("appraisalTeams.target"),
              key: "target",
              render: (_: unknown, team: AppraisalTeam) => (
                <Space size={4} wrap>
                  {team.target_name}
                  {!ownTeam(team) && <Tag color="purple">{at("appraisalTeams.fromAbove")}</Tag>}
                </Space>
              ),
            },
            { title: at("appraisalTeams.leader"), dataIndex: "leader" },
            {
              title: at("appraisalTeams.members"),
              key: "members",
              render: (_: unknown, team: AppraisalTeam) => team.members.join(", "),
            },
            {
              title: at("appraisalTeams.visitOn"),
              dataIndex: "visit_on",
              render: (visitOn: string | null | undefined) => formatDay(visitOn),
            },
            {
              title: at("appraisalTeams.conclusion"),
              dataIndex: "conclusion",
              render: (conclusion: string | null | undefined) => conclusionTag(at, conclusion),
            },
            {
              title: at("appraisalTeams.findings"),
              dataIndex: "findings",
              width: 320,
              render: (findings: string | null | undefined) =>
                findings ? (
                  <Typography.Paragraph
                    style={{ marginBottom: 0, whiteSpace: "pre-wrap" }}
                    ellipsis={{ rows: 2, expandable: true, symbol: "…" }}
                  >
                    {findings}
                  </Typography.Paragraph>
                ) : null,
            },
            ...(canWrite
              ? [
                  {
                    title: t("common.actions"),
                    key: "actions",
                    render: (_: unknown, team: AppraisalTeam) =>
                      ownTeam(team) ? (
                        <Space size={4}>
                          <Button
                            size="small"
                            icon={<EditOutlined />}
                            onClick={() => setEditing(team)}
                          >
                            {at("appraisalTeams.edit")}
                          </Button>
                          <Button
                            size="small"
                            danger
                            icon={<DeleteOutlined />}
                            onClick={() => confirmRemove(team)}
                          >
                            {t("common.delete")}
                          </Button>
                        </Space>
                      ) : null,
                  },
                ]
              : []),
          ]}
        />
      )}
      {editing !== null && (
        <TeamModal
          teamsKey={teamsKey}
          below={below}
          team={editing === "new" ? null : editing}
          latest={
            editing === "new" ? undefined : teams.data.find((team) => team.id === editing.id)
          }
          onRefused={() => setRefused(true)}
          onClose={() => setEditing(null)}
        />
      )}
    </Flex>
  );
}

type Values = {
  target_id?: number;
  leader: string;
  members: string[];
  visit_on?: dayjs.Dayjs | null;
  findings?: string | null;
  conclusion?: Conclusion | null;
};

function valuesOf(team: AppraisalTeam | null): Values {
  if (team === null) {
    return { leader: "", members: [], visit_on: null, findings: null, conclusion: null };
  }
  return {
    target_id: team.target_id,
    leader: team.leader,
    members: [...team.members],
    visit_on: team.visit_on ? dayjs(team.visit_on) : null,
    findings: team.findings ?? null,
    conclusion: (team.conclusion as Conclusion | null | undefined) ?? null,
  };
}

/** `members[2]` has no field of its own: its message goes under the members' select. */
function onMembersField(error: unknown): unknown {
  if (!(error instanceof ApiError) || error.problem === null) return error;
  const errors = error.fieldErrors.map((fieldError) =>
    /^members\[\d+\]/.test(fieldError.field) ? { ...fieldError, field: "members" } : fieldError,
  );
  return new ApiError(error.status, { ...error.problem, errors });
}

/**
 * Forms a team (`team` null) or changes one on the version read; `latest` is the team as the
 * list now reads it, to start again from after a 412.
 */
function TeamModal({
  teamsKey,
  below,
  team,
  latest,
  onRefused,
  onClose,
}: {
  teamsKey: TeamsKey;
  below: Organization[];
  team: AppraisalTeam | null;
  latest: AppraisalTeam | undefined;
  onRefused: () => void;
  onClose: () => void;
}) {
  const t = useT();
  const at = useAppraisalTeamsT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateAppraisalTeam(teamsKey);
  const update = useUpdateAppraisalTeam(teamsKey);
  const problem = useFormProblem(form);
  const [base, setBase] = useState(team);
  const [stale, setStale] = useState(false);
  const findings = Form.useWatch("findings", form);
  const hasFindings = typeof findings === "string" && findings.trim() !== "";
  const pending = create.isPending || update.isPending;
  const required = { required: true, message: t("validation.required") };
  const targets = below.map((org) => ({
    value: org.id,
    label: `${org.name} (${orgKindText(t, org.kind)})`,
  }));
  // A team already sent to an organisation no longer in sight keeps its name.
  if (base !== null && !targets.some((target) => target.value === base.target_id)) {
    targets.unshift({ value: base.target_id, label: base.target_name });
  }

  const reload = () => {
    if (latest === undefined) return;
    setBase(latest);
    form.resetFields();
    form.setFieldsValue(valuesOf(latest));
    setStale(false);
    problem.setMessage(null);
  };

  const submit = (values: Values) => {
    problem.setMessage(null);
    setStale(false);
    const findingsText = values.findings?.trim() || null;
    const body: AppraisalTeamInput = {
      version: base?.version ?? 0,
      year: teamsKey.year,
      target_id: values.target_id ?? 0,
      leader: values.leader.trim(),
      members: (values.members ?? []).map((member) => member.trim()),
      visit_on: values.visit_on ? toApiDay(values.visit_on) : null,
      findings: findingsText,
      conclusion: findingsText === null ? null : (values.conclusion ?? null),
    };
    const done = {
      onSuccess: () => {
        void message.success(
          at(base === null ? "appraisalTeams.created" : "appraisalTeams.updated"),
        );
        onClose();
      },
      onError: staleOn412(setStale, (error) => {
        if (forbidden(error)) onRefused();
        problem.show(onMembersField(error));
      }),
    };
    if (base === null) create.mutate(body, done);
    else update.mutate({ teamId: base.id, body }, done);
  };

  return (
    <VersionedFormModal
      width={640}
      title={at(base === null ? "appraisalTeams.create" : "appraisalTeams.editTitle")}
      pending={pending}
      stale={stale}
      staleTitle={at("appraisalTeams.stale")}
      reloadLabel={at("appraisalTeams.stale.reload")}
      baseVersion={base?.version}
      latestVersion={latest?.version}
      onReload={reload}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <FormError message={problem.message} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={pending}
        initialValues={valuesOf(team)}
      >
        <Form.Item name="target_id" label={at("appraisalTeams.target")} rules={[required]}>
          <Select options={targets} showSearch={{ optionFilterProp: "label" }} />
        </Form.Item>
        <Form.Item
          name="leader"
          label={at("appraisalTeams.leader")}
          rules={[{ ...required, whitespace: true }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="members"
          label={at("appraisalTeams.members")}
          extra={at("appraisalTeams.members.hint")}
        >
          <Select mode="tags" open={false} suffixIcon={null} />
        </Form.Item>
        <Form.Item name="visit_on" label={at("appraisalTeams.visitOn")}>
          <DatePicker format="DD/MM/YYYY" />
        </Form.Item>
        <Form.Item name="findings" label={at("appraisalTeams.findings")}>
          <Input.TextArea rows={4} />
        </Form.Item>
        <Form.Item
          name="conclusion"
          label={at("appraisalTeams.conclusion")}
          extra={hasFindings ? undefined : at("appraisalTeams.conclusion.hint")}
        >
          <Radio.Group
            disabled={!hasFindings || pending}
            options={[
              { value: "confirmed", label: at("appraisalTeams.conclusion.confirmed") },
              { value: "adjust", label: at("appraisalTeams.conclusion.adjust") },
            ]}
          />
        </Form.Item>
      </Form>
    </VersionedFormModal>
  );
}
