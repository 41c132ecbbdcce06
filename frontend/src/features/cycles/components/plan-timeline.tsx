import { LockOutlined, UnlockOutlined } from "@ant-design/icons";
import { App, Button, Form, Input, Modal, Space, Tag, Timeline, Typography } from "antd";
import { useState } from "react";
import { FormError } from "@/components/ui/form-error";
import {
  useClosePhase,
  useReopenPhase,
  type Cycle,
  type Phase,
} from "@/features/cycles/api/cycles";
import { formatDay } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage, useFormProblem } from "@/lib/problems";

type Props = { cycle: Cycle; canRun: boolean };

/** The cycle's plan: each phase with its dates, who leads it, and whether it is closed. */
export function PlanTimeline({ cycle, canRun }: Props) {
  const t = useT();
  const { modal, message } = App.useApp();
  const close = useClosePhase(cycle.id);
  const [reopening, setReopening] = useState<Phase | null>(null);
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
                    <Button size="small" icon={<LockOutlined />} onClick={() => confirmClose(phase)}>
                      {t("phase.close")}
                    </Button>
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
