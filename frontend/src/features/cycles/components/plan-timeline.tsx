import { EditOutlined, LockOutlined, UnlockOutlined } from "@ant-design/icons";
import {
  App,
  Button,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Space,
  Tag,
  Timeline,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { FormError } from "@/components/ui/form-error";
import {
  useClosePhase,
  useReopenPhase,
  useUpdatePhase,
  type Cycle,
  type Phase,
} from "@/features/cycles/api/cycles";
import { formatDay, toApiDay } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage, useFormProblem } from "@/lib/problems";

type Props = { cycle: Cycle; canRun: boolean };

/** The cycle's plan: each phase with its dates, who leads it, and whether it is closed. */
export function PlanTimeline({ cycle, canRun }: Props) {
  const t = useT();
  const { modal, message } = App.useApp();
  const close = useClosePhase(cycle.id);
  const [reopening, setReopening] = useState<Phase | null>(null);
  const [editing, setEditing] = useState<Phase | null>(null);
  const phases = [...cycle.phases].sort((a, b) => a.position - b.position);

  const confirmClose = (phase: Phase) => {
    void modal.confirm({
      title: phase.task,
      content: t("phase.close.confirm"),
      okText: t("phase.close"),
      cancelText: t("common.cancel"),
      onOk: () =>
        close.mutateAsync(phase.id).catch((error: unknown) => {
          void message.error(errorMessage(error, t));
        }),
    });
  };

  return (
    <>
      <Timeline
        items={phases.map((phase) => ({
          color: phase.closed ? "gray" : "blue",
          icon: phase.closed ? <LockOutlined /> : undefined,
          content: (
            <div data-testid={`phase-${phase.code}`}>
              <Space wrap>
                <Typography.Text strong>
                  {formatDay(phase.starts_on)} – {formatDay(phase.ends_on)}
                </Typography.Text>
                <Typography.Text>{phase.task}</Typography.Text>
                {phase.closed && <Tag icon={<LockOutlined />}>{t("phase.closed")}</Tag>}
                {canRun &&
                  (phase.closed ? (
                    <Button
                      size="small"
                      icon={<UnlockOutlined />}
                      onClick={() => setReopening(phase)}
                    >
                      {t("phase.reopen")}
                    </Button>
                  ) : (
                    <>
                      <Button
                        size="small"
                        icon={<EditOutlined />}
                        onClick={() => setEditing(phase)}
                      >
                        {t("common.edit")}
                      </Button>
                      <Button
                        size="small"
                        icon={<LockOutlined />}
                        onClick={() => confirmClose(phase)}
                      >
                        {t("phase.close")}
                      </Button>
                    </>
                  ))}
              </Space>
              <div>
                <Typography.Text type="secondary">
                  {t("phase.lead", { lead: phase.lead })}
                </Typography.Text>
              </div>
              {phase.reopened_reason && (
                <Typography.Text type="warning">
                  {t("phase.reopenedReason", { reason: phase.reopened_reason })}
                </Typography.Text>
              )}
            </div>
          ),
        }))}
      />
      {reopening && (
        <ReopenModal cycleId={cycle.id} phase={reopening} onClose={() => setReopening(null)} />
      )}
      {editing && (
        <PhaseModal cycleId={cycle.id} phase={editing} onClose={() => setEditing(null)} />
      )}
    </>
  );
}

function ReopenModal({
  cycleId,
  phase,
  onClose,
}: {
  cycleId: number;
  phase: Phase;
  onClose: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<{ reason: string }>();
  const reopen = useReopenPhase(cycleId);
  const problem = useFormProblem(form);
  return (
    <Modal
      open
      title={t("phase.reopen.title", { task: phase.task })}
      okText={t("phase.reopen")}
      cancelText={t("common.cancel")}
      confirmLoading={reopen.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <FormError message={problem.message} />
      <Form
        form={form}
        layout="vertical"
        onFinish={({ reason }) =>
          reopen.mutate({ phaseId: phase.id, reason }, { onSuccess: onClose, onError: problem.show })
        }
      >
        <Form.Item
          name="reason"
          label={t("phase.reason")}
          rules={[
            { required: true, whitespace: true, message: t("validation.required") },
            { min: 5, message: t("phase.reason.min") },
          ]}
        >
          <Input.TextArea autoFocus rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type PhaseValues = {
  starts_on: dayjs.Dayjs;
  ends_on: dayjs.Dayjs;
  task: string;
  lead: string;
  recipient: string;
};

/** Changes a phase of the plan: its dates, its task, who leads it and who receives its result. */
function PhaseModal({
  cycleId,
  phase,
  onClose,
}: {
  cycleId: number;
  phase: Phase;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<PhaseValues>();
  const update = useUpdatePhase(cycleId);
  const problem = useFormProblem(form);
  const required = { required: true, whitespace: true, message: t("validation.required") };

  const submit = (values: PhaseValues) => {
    problem.setMessage(null);
    update.mutate(
      {
        phaseId: phase.id,
        body: {
          starts_on: toApiDay(values.starts_on),
          ends_on: toApiDay(values.ends_on),
          task: values.task.trim(),
          lead: values.lead.trim(),
          recipient: values.recipient.trim(),
        },
      },
      {
        onSuccess: () => {
          void message.success(t("phase.saved"));
          onClose();
        },
        onError: problem.show,
      },
    );
  };

  return (
    <Modal
      open
      title={t("phase.edit.title", { task: phase.task })}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={update.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <FormError message={problem.message} />
      <Form<PhaseValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={update.isPending}
        initialValues={{
          starts_on: dayjs(phase.starts_on),
          ends_on: dayjs(phase.ends_on),
          task: phase.task,
          lead: phase.lead,
          recipient: phase.recipient,
        }}
      >
        <Flex gap={16}>
          <Form.Item
            name="starts_on"
            label={t("phase.startsOn")}
            rules={[{ required: true, message: t("validation.required") }]}
            style={{ flex: 1 }}
          >
            <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item
            name="ends_on"
            label={t("phase.endsOn")}
            rules={[{ required: true, message: t("validation.required") }]}
            style={{ flex: 1 }}
          >
            <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} />
          </Form.Item>
        </Flex>
        <Form.Item
          name="task"
          label={t("phase.task")}
          rules={[required, { max: 500, message: t("validation.max", { max: 500 }) }]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item
          name="lead"
          label={t("phase.leadField")}
          rules={[required, { max: 200, message: t("validation.max", { max: 200 }) }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="recipient"
          label={t("phase.recipient")}
          rules={[required, { max: 200, message: t("validation.max", { max: 200 }) }]}
        >
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
