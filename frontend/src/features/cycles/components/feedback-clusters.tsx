import {
  DeleteOutlined,
  EditOutlined,
  FormOutlined,
  PlusOutlined,
  TeamOutlined,
} from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Tag,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { ApiError } from "@/api/problem";
import { FormError } from "@/components/ui/form-error";
import { VersionedFormModal } from "@/components/ui/versioned-form-modal";
import type { Cycle } from "@/features/cycles/api/cycles";
import {
  useAddCollectiveOpinion,
  useChildOrganizations,
  useCreateFeedbackCluster,
  useDeleteCollectiveOpinion,
  useDeleteFeedbackCluster,
  useFeedbackClusters,
  useUpdateFeedbackCluster,
  type CollectiveOpinion,
  type FeedbackCluster,
  type FeedbackClusterInput,
} from "@/features/cycles/api/feedback-clusters";
import { FeedbackBatchModal } from "@/features/cycles/components/feedback-batch-modal";
import { useCyclesT } from "@/features/cycles/messages";
import { branchCommitteeOrgIds } from "@/lib/auth/permissions";
import type { Me } from "@/lib/auth/use-session";
import { formatDay, toApiDay, todayInVietnam } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage, staleOn412, useFormProblem } from "@/lib/problems";

const forbidden = (error: unknown) => error instanceof ApiError && error.status === 403;

// The mass organisations usually met at the workplace (others may be typed).
const massOrganizationSuggestions = [
  "Công đoàn",
  "Đoàn Thanh niên",
  "Hội Phụ nữ",
  "Hội Cựu chiến binh",
];

/**
 * A 422's errors on list items (`branch_ids[1]`, `mass_organizations[0]`) named after the list:
 * the form shows them under the list's field.
 */
function onListFields(error: unknown, lists: string[]): unknown {
  if (!(error instanceof ApiError) || error.problem === null || !error.problem.errors) {
    return error;
  }
  return new ApiError(error.status, {
    ...error.problem,
    errors: error.problem.errors.map((fieldError) => {
      const list = lists.find((name) => fieldError.field.startsWith(`${name}[`));
      return list === undefined ? fieldError : { ...fieldError, field: list };
    }),
  });
}

/**
 * Plan II.2.2.1: the clusters where the workplace's masses give their opinions on the branches
 * as collectives. `writes`: the committee running the cycle sets the clusters up; it and the
 * committees of a cluster's branches record the opinions (the API has the last word: a 403
 * hides the buttons). Nothing for those the API refuses (403).
 */
export function FeedbackClusters({
  me,
  cycle,
  writes,
}: {
  me: Me;
  cycle: Cycle;
  writes: boolean;
}) {
  const t = useT();
  const ct = useCyclesT();
  const { modal, message } = App.useApp();
  const clusters = useFeedbackClusters(cycle.id);
  const remove = useDeleteFeedbackCluster(cycle.id);
  const [refused, setRefused] = useState(false);
  const [editing, setEditing] = useState<FeedbackCluster | "new" | null>(null);
  const [recording, setRecording] = useState<FeedbackCluster | null>(null);
  const [asking, setAsking] = useState<FeedbackCluster | null>(null);
  const canWrite = writes && !refused;
  const ownBranches = branchCommitteeOrgIds(me);

  // Nothing until the API says whether the user may read them (403: the section is not theirs).
  if (clusters.isPending) return null;
  if (clusters.isError && forbidden(clusters.error)) return null;

  const failed = (error: unknown) => {
    if (forbidden(error)) setRefused(true);
    if (error instanceof ApiError && error.status === 412) {
      void message.error(ct("feedbackClusters.stale"));
      return;
    }
    void message.error(errorMessage(error, t));
  };

  const confirmRemove = (cluster: FeedbackCluster) => {
    void modal.confirm({
      title: ct("feedbackClusters.delete.confirm", { name: cluster.name }),
      okText: t("common.delete"),
      okButtonProps: { danger: true },
      cancelText: t("common.cancel"),
      onOk: () =>
        remove
          .mutateAsync(cluster.id)
          .then(() => void message.success(ct("feedbackClusters.deleted")))
          .catch(failed),
    });
  };

  // The branches of `cluster` whose opinions the user may record: all of them for the committee
  // running the cycle, its own for a branch committee.
  const recordable = (cluster: FeedbackCluster) =>
    writes ? cluster.branches : cluster.branches.filter((branch) => ownBranches.includes(branch.id));

  return (
    <Flex vertical gap={8} data-testid="feedback-clusters">
      <Typography.Title level={4}>{ct("feedbackClusters.title")}</Typography.Title>
      {canWrite && (
        <div>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")}>
            {ct("feedbackClusters.create")}
          </Button>
        </div>
      )}
      {clusters.isError && (
        <Alert type="error" showIcon title={errorMessage(clusters.error, t)} />
      )}
      {clusters.data?.length === 0 && <Empty description={ct("feedbackClusters.empty")} />}
      {clusters.data?.map((cluster) => (
        <ClusterCard
          key={cluster.id}
          cycle={cycle}
          cluster={cluster}
          canWrite={canWrite}
          canRecord={recordable(cluster).length > 0}
          onEdit={() => setEditing(cluster)}
          onRemove={() => confirmRemove(cluster)}
          onRecord={() => setRecording(cluster)}
          onAsk={() => setAsking(cluster)}
        />
      ))}
      {asking !== null && (
        <FeedbackBatchModal
          cycleId={cycle.id}
          branches={[]}
          cluster={{ id: asking.id, name: asking.name }}
          onClose={() => setAsking(null)}
        />
      )}
      {editing !== null && (
        <ClusterModal
          cycle={cycle}
          cluster={editing === "new" ? null : editing}
          latest={
            editing === "new"
              ? undefined
              : clusters.data?.find((cluster) => cluster.id === editing.id)
          }
          onRefused={() => setRefused(true)}
          onClose={() => setEditing(null)}
        />
      )}
      {recording !== null && (
        <OpinionModal
          cycle={cycle}
          cluster={recording}
          branches={recordable(recording)}
          onClose={() => setRecording(null)}
        />
      )}
    </Flex>
  );
}

function ClusterCard({
  cycle,
  cluster,
  canWrite,
  canRecord,
  onEdit,
  onRemove,
  onRecord,
  onAsk,
}: {
  cycle: Cycle;
  cluster: FeedbackCluster;
  canWrite: boolean;
  canRecord: boolean;
  onEdit: () => void;
  onRemove: () => void;
  onRecord: () => void;
  /** Feedback requested on every member of the cluster's branches (issue #17). */
  onAsk: () => void;
}) {
  const t = useT();
  const ct = useCyclesT();
  const { modal, message } = App.useApp();
  const remove = useDeleteCollectiveOpinion(cycle.id);

  const confirmRemove = (opinion: CollectiveOpinion) => {
    void modal.confirm({
      title: ct("feedbackClusters.opinion.delete.confirm", {
        source: opinion.source,
        branch: opinion.branch_name,
      }),
      okText: t("common.delete"),
      okButtonProps: { danger: true },
      cancelText: t("common.cancel"),
      onOk: () =>
        remove
          .mutateAsync({ clusterId: cluster.id, opinionId: opinion.id })
          .then(() => void message.success(ct("feedbackClusters.opinion.deleted")))
          .catch((error: unknown) => void message.error(errorMessage(error, t))),
    });
  };

  return (
    <Card
      size="small"
      title={cluster.name}
      data-testid={`feedback-cluster-${cluster.id}`}
      extra={
        canWrite && (
          <Space size={4}>
            <Button size="small" icon={<EditOutlined />} onClick={onEdit}>
              {ct("feedbackClusters.edit")}
            </Button>
            <Button size="small" danger icon={<DeleteOutlined />} onClick={onRemove}>
              {t("common.delete")}
            </Button>
          </Space>
        )
      }
    >
      <Flex vertical gap={8}>
        <Typography.Text>{ct("feedbackClusters.leaderIs", { leader: cluster.leader })}</Typography.Text>
        <Flex gap={4} wrap align="center">
          <Typography.Text type="secondary">{ct("feedbackClusters.branches")}:</Typography.Text>
          {cluster.branches.map((branch) => (
            <Tag key={branch.id} color="blue">
              {branch.name}
            </Tag>
          ))}
        </Flex>
        <Flex gap={4} wrap align="center">
          <Typography.Text type="secondary">
            {ct("feedbackClusters.massOrganizations")}:
          </Typography.Text>
          {cluster.mass_organizations.map((name) => (
            <Tag key={name}>{name}</Tag>
          ))}
        </Flex>
        <Typography.Text>
          {cluster.meeting_on
            ? ct("feedbackClusters.meetingOnIs", { date: formatDay(cluster.meeting_on) })
            : ct("feedbackClusters.noMeeting")}
        </Typography.Text>
        <Flex align="center" gap={16} wrap>
          <Typography.Text strong>{ct("feedbackClusters.opinions")}</Typography.Text>
          {canRecord && (
            <Button size="small" icon={<FormOutlined />} onClick={onRecord}>
              {ct("feedbackClusters.record")}
            </Button>
          )}
          {canRecord && (
            <Button size="small" icon={<TeamOutlined />} onClick={onAsk}>
              {ct("feedback.batch.openCluster")}
            </Button>
          )}
        </Flex>
        {cluster.opinions.length === 0 ? (
          <Typography.Text type="secondary">{ct("feedbackClusters.noOpinions")}</Typography.Text>
        ) : (
          cluster.branches
            .map((branch) => ({
              branch,
              opinions: cluster.opinions.filter((opinion) => opinion.branch_id === branch.id),
            }))
            .filter(({ opinions }) => opinions.length > 0)
            .map(({ branch, opinions }) => (
              <Flex
                key={branch.id}
                vertical
                gap={4}
                data-testid={`cluster-opinions-${cluster.id}-${branch.id}`}
              >
                <Typography.Text underline>{branch.name}</Typography.Text>
                {opinions.map((opinion) => (
                  <Flex
                    key={opinion.id}
                    gap={8}
                    align="start"
                    data-testid={`cluster-opinion-${opinion.id}`}
                  >
                    <Tag color="purple">{opinion.source}</Tag>
                    <Typography.Text type="secondary">{formatDay(opinion.given_on)}</Typography.Text>
                    <Typography.Paragraph
                      style={{ marginBottom: 0, whiteSpace: "pre-wrap", flex: 1 }}
                    >
                      {opinion.content}
                    </Typography.Paragraph>
                    {canRecord && (
                      <Button
                        size="small"
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={ct("feedbackClusters.opinion.delete", {
                          source: opinion.source,
                          branch: opinion.branch_name,
                        })}
                        onClick={() => confirmRemove(opinion)}
                      />
                    )}
                  </Flex>
                ))}
              </Flex>
            ))
        )}
      </Flex>
    </Card>
  );
}

type ClusterValues = {
  name: string;
  leader: string;
  branch_ids: number[];
  mass_organizations: string[];
  meeting_on?: dayjs.Dayjs | null;
};

function clusterValuesOf(cluster: FeedbackCluster | null): ClusterValues {
  if (cluster === null) {
    return { name: "", leader: "", branch_ids: [], mass_organizations: [], meeting_on: null };
  }
  return {
    name: cluster.name,
    leader: cluster.leader,
    branch_ids: cluster.branches.map((branch) => branch.id),
    mass_organizations: [...cluster.mass_organizations],
    meeting_on: cluster.meeting_on ? dayjs(cluster.meeting_on) : null,
  };
}

/**
 * Sets up a cluster (`cluster` null) or changes one on the version read; `latest` is the
 * cluster as the list now reads it, to start again from after a 412.
 */
function ClusterModal({
  cycle,
  cluster,
  latest,
  onRefused,
  onClose,
}: {
  cycle: Cycle;
  cluster: FeedbackCluster | null;
  latest: FeedbackCluster | undefined;
  onRefused: () => void;
  onClose: () => void;
}) {
  const t = useT();
  const ct = useCyclesT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ClusterValues>();
  const create = useCreateFeedbackCluster(cycle.id);
  const update = useUpdateFeedbackCluster(cycle.id);
  const below = useChildOrganizations(cycle.organization_id);
  const problem = useFormProblem(form);
  const [base, setBase] = useState(cluster);
  const [stale, setStale] = useState(false);
  const pending = create.isPending || update.isPending;
  const required = { required: true, message: t("validation.required") };

  // The branches offered: those below the cycle's organisation, and any of the cluster's own
  // the list does not hold (out of the user's sight).
  const branchOptions = [
    ...(below.data ?? []).map((org) => ({ value: org.id, label: org.name })),
    ...(base?.branches ?? [])
      .filter((branch) => !(below.data ?? []).some((org) => org.id === branch.id))
      .map((branch) => ({ value: branch.id, label: branch.name })),
  ];

  const reload = () => {
    if (latest === undefined) return;
    setBase(latest);
    form.resetFields();
    form.setFieldsValue(clusterValuesOf(latest));
    setStale(false);
    problem.setMessage(null);
  };

  const submit = (values: ClusterValues) => {
    problem.setMessage(null);
    setStale(false);
    const body: FeedbackClusterInput = {
      version: base?.version ?? 0,
      name: values.name.trim(),
      leader: values.leader.trim(),
      branch_ids: values.branch_ids ?? [],
      mass_organizations: (values.mass_organizations ?? []).map((name) => name.trim()),
      meeting_on: values.meeting_on ? toApiDay(values.meeting_on) : null,
    };
    const done = {
      onSuccess: () => {
        void message.success(
          ct(base === null ? "feedbackClusters.created" : "feedbackClusters.updated"),
        );
        onClose();
      },
      onError: staleOn412(setStale, (error) => {
        if (forbidden(error)) onRefused();
        problem.show(onListFields(error, ["branch_ids", "mass_organizations"]));
      }),
    };
    if (base === null) create.mutate(body, done);
    else update.mutate({ clusterId: base.id, body }, done);
  };

  return (
    <VersionedFormModal
      width={640}
      title={ct(base === null ? "feedbackClusters.create" : "feedbackClusters.editTitle")}
      pending={pending}
      stale={stale}
      staleTitle={ct("feedbackClusters.stale")}
      reloadLabel={ct("feedbackClusters.stale.reload")}
      baseVersion={base?.version}
      latestVersion={latest?.version}
      onReload={reload}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <FormError message={problem.message} />
      <Form<ClusterValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={pending}
        initialValues={clusterValuesOf(cluster)}
      >
        <Form.Item
          name="name"
          label={ct("feedbackClusters.name")}
          rules={[{ ...required, whitespace: true }]}
        >
          <Input placeholder={ct("feedbackClusters.name.placeholder")} />
        </Form.Item>
        <Form.Item
          name="leader"
          label={ct("feedbackClusters.leader")}
          rules={[{ ...required, whitespace: true }]}
        >
          <Input placeholder={ct("feedbackClusters.leader.placeholder")} />
        </Form.Item>
        <Form.Item name="branch_ids" label={ct("feedbackClusters.branches")}>
          <Select
            mode="multiple"
            allowClear
            loading={below.isPending}
            optionFilterProp="label"
            options={branchOptions}
          />
        </Form.Item>
        <Form.Item name="mass_organizations" label={ct("feedbackClusters.massOrganizations")}>
          <Select
            mode="tags"
            options={massOrganizationSuggestions.map((name) => ({ value: name, label: name }))}
          />
        </Form.Item>
        <Form.Item name="meeting_on" label={ct("feedbackClusters.meetingOn")}>
          <DatePicker format="DD/MM/YYYY" />
        </Form.Item>
      </Form>
    </VersionedFormModal>
  );
}

type OpinionValues = {
  branch_id?: number;
  source?: string;
  given_on?: dayjs.Dayjs | null;
  content: string;
};

/** Records a mass organisation's opinion on one of `branches` (those of the cluster the user may). */
function OpinionModal({
  cycle,
  cluster,
  branches,
  onClose,
}: {
  cycle: Cycle;
  cluster: FeedbackCluster;
  branches: FeedbackCluster["branches"];
  onClose: () => void;
}) {
  const t = useT();
  const ct = useCyclesT();
  const { message } = App.useApp();
  const [form] = Form.useForm<OpinionValues>();
  const add = useAddCollectiveOpinion(cycle.id);
  const problem = useFormProblem(form);
  const required = { required: true, message: t("validation.required") };
  const today = todayInVietnam();
  const meetingDay = cluster.meeting_on ? dayjs(cluster.meeting_on) : null;

  const submit = (values: OpinionValues) => {
    problem.setMessage(null);
    add.mutate(
      {
        clusterId: cluster.id,
        body: {
          branch_id: values.branch_id ?? 0,
          source: values.source ?? "",
          given_on: values.given_on ? toApiDay(values.given_on) : "",
          content: values.content.trim(),
        },
      },
      {
        onSuccess: () => {
          void message.success(ct("feedbackClusters.recorded"));
          onClose();
        },
        onError: (error: unknown) => {
          if (forbidden(error)) {
            problem.setMessage(ct("feedbackClusters.record.forbidden"));
            return;
          }
          problem.show(error);
        },
      },
    );
  };

  return (
    <Modal
      open
      width={640}
      title={ct("feedbackClusters.recordTitle", { name: cluster.name })}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={add.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <FormError message={problem.message} />
      <Form<OpinionValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={add.isPending}
        initialValues={{
          branch_id: branches.length === 1 ? branches[0].id : undefined,
          source: undefined,
          // The cluster's meeting day when it is past, else today.
          given_on: meetingDay !== null && !meetingDay.isAfter(today, "day") ? meetingDay : today,
          content: "",
        }}
      >
        <Flex gap={16} wrap>
          <Form.Item
            name="branch_id"
            label={ct("feedbackClusters.opinion.branch")}
            rules={[required]}
            style={{ flex: 1, minWidth: 220 }}
          >
            <Select
              options={branches.map((branch) => ({ value: branch.id, label: branch.name }))}
            />
          </Form.Item>
          <Form.Item
            name="source"
            label={ct("feedbackClusters.opinion.source")}
            rules={[required]}
            style={{ flex: 1, minWidth: 200 }}
          >
            <Select
              options={cluster.mass_organizations.map((name) => ({ value: name, label: name }))}
            />
          </Form.Item>
          <Form.Item
            name="given_on"
            label={ct("feedbackClusters.opinion.givenOn")}
            rules={[required]}
          >
            <DatePicker
              format="DD/MM/YYYY"
              disabledDate={(day) => day.isAfter(today, "day")}
            />
          </Form.Item>
        </Flex>
        <Form.Item
          name="content"
          label={ct("feedbackClusters.opinion.content")}
          rules={[{ ...required, whitespace: true }]}
        >
          <Input.TextArea rows={4} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
