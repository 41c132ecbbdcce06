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
  InputNumber,
  Progress,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { FormError } from "@/components/ui/form-error";
import { VersionedFormModal } from "@/components/ui/versioned-form-modal";
import type { Cycle } from "@/features/cycles/api/cycles";
import {
  useCreatePlanTask,
  useDeletePlanTask,
  usePlanTasks,
  useUpdatePlanTask,
  type PlanTask,
  type PlanTaskInput,
} from "@/features/cycles/api/plan-tasks";
import { formatDateTime, formatDay, toApiDay } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage, staleOn412, useFormProblem } from "@/lib/problems";

/** Plan III: the tasks of the plan, each assigned to a standing-committee member, with its progress. */
export function PlanTasks({ cycle }: { cycle: Cycle }) {
  const t = useT();
  const { modal, message } = App.useApp();
  const tasks = usePlanTasks(cycle.id);
  const remove = useDeletePlanTask(cycle.id);
  // The task being changed, or "new" for a new one.
  const [editing, setEditing] = useState<PlanTask | "new" | null>(null);

  const confirmRemove = (task: PlanTask) => {
    void modal.confirm({
      title: t("planTasks.delete.confirm", { title: task.title }),
      okText: t("common.delete"),
      okButtonProps: { danger: true },
      cancelText: t("common.cancel"),
      onOk: () =>
        remove
          .mutateAsync(task.id)
          .then(() => void message.success(t("planTasks.deleted")))
          .catch((error: unknown) => void message.error(errorMessage(error, t))),
    });
  };

  return (
    <Flex vertical gap={16} data-testid="plan-tasks">
      <div>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")}>
          {t("planTasks.assign")}
        </Button>
      </div>
      {tasks.isPending && <Spin />}
      {tasks.isError && <Alert type="error" showIcon title={errorMessage(tasks.error, t)} />}
      {tasks.data?.length === 0 && <Empty description={t("planTasks.empty")} />}
      {tasks.data !== undefined && tasks.data.length > 0 && (
        <Table<PlanTask>
          size="small"
          rowKey="id"
          pagination={false}
          scroll={{ x: true }}
          dataSource={tasks.data}
          columns={[
            { title: t("planTasks.title"), dataIndex: "title" },
            { title: t("planTasks.assignee"), dataIndex: "assignee" },
            {
              title: t("planTasks.dueOn"),
              key: "due_on",
              render: (_: unknown, task: PlanTask) => (
                <Space size={4} wrap>
                  {formatDay(task.due_on)}
                  {task.overdue && <Tag color="red">{t("planTasks.overdue")}</Tag>}
                </Space>
              ),
            },
            {
              title: t("planTasks.progress"),
              dataIndex: "progress",
              width: 160,
              render: (progress: number) => (
                <Progress
                  aria-label={t("planTasks.progress")}
                  percent={progress}
                  size="small"
                  // The % even when done (antd shows a tick at 100).
                  format={(percent) => `${percent}%`}
                />
              ),
            },
            {
              title: t("planTasks.note"),
              dataIndex: "note",
              render: (note: string | null | undefined) => note ?? "",
            },
            {
              title: t("planTasks.updated"),
              key: "updated",
              render: (_: unknown, task: PlanTask) => (
                <Typography.Text type="secondary">
                  {t("planTasks.updatedByAt", {
                    by: task.updated_by,
                    at: formatDateTime(task.updated_at),
                  })}
                </Typography.Text>
              ),
            },
            {
              title: t("common.actions"),
              key: "actions",
              render: (_: unknown, task: PlanTask) => (
                <Space size={4}>
                  <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(task)}>
                    {t("planTasks.update")}
                  </Button>
                  <Button
                    size="small"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => confirmRemove(task)}
                  >
                    {t("common.delete")}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      )}
      {editing !== null && (
        <TaskModal
          cycle={cycle}
          task={editing === "new" ? null : editing}
          latest={
            editing === "new" ? undefined : tasks.data?.find((task) => task.id === editing.id)
          }
          onClose={() => setEditing(null)}
        />
      )}
    </Flex>
  );
}

type Values = {
  title: string;
  assignee: string;
  due_on?: dayjs.Dayjs | null;
  progress: number;
  note?: string | null;
};

function valuesOf(task: PlanTask | null): Values {
  if (task === null) return { title: "", assignee: "", due_on: null, progress: 0, note: null };
  return {
    title: task.title,
    assignee: task.assignee,
    due_on: task.due_on ? dayjs(task.due_on) : null,
    progress: task.progress,
    note: task.note ?? null,
  };
}

/**
 * Assigns a new task (`task` null) or changes one, made on the version read (`task.version`);
 * `latest` is the task as the list now reads it, to start again from after a 412.
 */
function TaskModal({
  cycle,
  task,
  latest,
  onClose,
}: {
  cycle: Cycle;
  task: PlanTask | null;
  latest: PlanTask | undefined;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreatePlanTask(cycle.id);
  const update = useUpdatePlanTask(cycle.id);
  const problem = useFormProblem(form);
  // The task as it was read: its version is the one a change is made on.
  const [base, setBase] = useState(task);
  const [stale, setStale] = useState(false);
  const pending = create.isPending || update.isPending;
  const required = { required: true, message: t("validation.required") };

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
    const body: PlanTaskInput = {
      version: base?.version ?? 0,
      title: values.title.trim(),
      assignee: values.assignee.trim(),
      due_on: values.due_on ? toApiDay(values.due_on) : null,
      progress: values.progress,
      note: values.note?.trim() || null,
    };
    const done = {
      onSuccess: () => {
        void message.success(t(base === null ? "planTasks.assigned" : "planTasks.updated.done"));
        onClose();
      },
      onError: staleOn412(setStale, (error) => {
        problem.show(error);
      }),
    };
    if (base === null) create.mutate(body, done);
    else update.mutate({ taskId: base.id, body }, done);
  };

  return (
    <VersionedFormModal
      width={640}
      title={t(base === null ? "planTasks.assign" : "planTasks.updateTitle")}
      pending={pending}
      stale={stale}
      staleTitle={t("planTasks.stale")}
      reloadLabel={t("planTasks.stale.reload")}
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
        initialValues={valuesOf(task)}
      >
        <Form.Item
          name="title"
          label={t("planTasks.title")}
          rules={[{ ...required, whitespace: true }]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item
          name="assignee"
          label={t("planTasks.assignee")}
          rules={[{ ...required, whitespace: true }]}
        >
          <Input />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item name="due_on" label={t("planTasks.dueOn")}>
            <DatePicker format="DD/MM/YYYY" />
          </Form.Item>
          <Form.Item name="progress" label={t("planTasks.progress")} rules={[required]}>
            <InputNumber min={0} max={100} precision={0} suffix="%" />
          </Form.Item>
        </Flex>
        <Form.Item name="note" label={t("planTasks.note")}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </VersionedFormModal>
  );
}
