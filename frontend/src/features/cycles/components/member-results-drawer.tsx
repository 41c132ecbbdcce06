import {
  Alert,
  App,
  Button,
  Card,
  Drawer,
  Flex,
  Form,
  Input,
  Select,
  Space,
  Spin,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { ResultTags } from "@/components/classification/result-tags";
import { FormError } from "@/components/ui/form-error";
import {
  useMemberResults,
  useReclassify,
  type Reclassification,
} from "@/features/cycles/api/voting";
import { resultStateColor, resultStateText } from "@/features/cycles/components/voting-labels";
import { classificationLevelText } from "@/lib/domain/labels";
import { classificationLevels } from "@/lib/domain/members";
import { formatDateTime } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage, useFormProblem } from "@/lib/problems";

/** A member's results in the cycle, cancelled ones included, and reclassifying them (M12). */
export function MemberResultsDrawer({
  cycleId,
  memberId,
  name,
  onClose,
}: {
  cycleId: number;
  memberId: number;
  name: string;
  onClose: () => void;
}) {
  const t = useT();
  const results = useMemberResults(cycleId, memberId);
  const [reclassifying, setReclassifying] = useState(false);

  return (
    <Drawer
      open
      size={560}
      title={t("results.title", { name })}
      onClose={onClose}
      extra={
        !reclassifying && (
          <Button onClick={() => setReclassifying(true)}>{t("results.reclassify")}</Button>
        )
      }
    >
      <Flex vertical gap={16} data-testid="member-results">
        {reclassifying && (
          <ReclassifyForm
            cycleId={cycleId}
            memberId={memberId}
            onDone={() => setReclassifying(false)}
          />
        )}
        {results.isError && (
          <Alert type="error" showIcon title={errorMessage(results.error, t)} />
        )}
        {results.isPending && <Spin />}
        {(results.data ?? []).map((result) => (
          <Card key={result.id} size="small">
            <Flex vertical gap={4}>
              <Space size={[4, 4]} wrap>
                <Tag color={resultStateColor(result.state)}>{resultStateText(t, result.state)}</Tag>
                <Typography.Text type="secondary">
                  {formatDateTime(result.created_at)} — {result.created_by}
                </Typography.Text>
              </Space>
              <ResultTags t={t} result={result} />
              {result.cancelled_reason && (
                <Typography.Text type="secondary">
                  {t("results.cancelledReason", { reason: result.cancelled_reason })}
                </Typography.Text>
              )}
            </Flex>
          </Card>
        ))}
      </Flex>
    </Drawer>
  );
}

function ReclassifyForm({
  cycleId,
  memberId,
  onDone,
}: {
  cycleId: number;
  memberId: number;
  onDone: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Reclassification>();
  const reclassify = useReclassify(cycleId, memberId);
  const problem = useFormProblem(form);
  const submit = (values: Reclassification) => {
    problem.setMessage(null);
    reclassify.mutate(
      { level: values.level, reason: values.reason.trim() },
      {
        onSuccess: (result) => {
          void message.success(t("results.reclassified"));
          // Q5: the base-wide quota check warns, never blocks (#13).
          for (const warning of result.warnings ?? []) void message.warning(warning, 8);
          onDone();
        },
        onError: problem.show,
      },
    );
  };
  return (
    <div data-testid="reclassify-form">
      <FormError message={problem.message} />
      <Form<Reclassification>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={reclassify.isPending}
      >
        <Form.Item
          name="level"
          label={t("results.level")}
          rules={[{ required: true, message: t("validation.required") }]}
        >
          <Select
            aria-label={t("results.level")}
            options={classificationLevels.map((level) => ({
              value: level,
              label: classificationLevelText(t, level),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t("results.reason")}
          rules={[
            { required: true, message: t("validation.required") },
            { min: 5, whitespace: true, message: t("results.reason.min") },
          ]}
        >
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={reclassify.isPending}>
            {t("results.reclassify")}
          </Button>
          <Button onClick={onDone}>{t("common.cancel")}</Button>
        </Space>
      </Form>
    </div>
  );
}
