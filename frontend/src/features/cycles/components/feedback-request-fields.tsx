import { Checkbox, DatePicker, Form, Input, Select } from "antd";
import { deliveries, deliveryText } from "@/features/cycles/components/labels";
import { ProviderPicker } from "@/features/cycles/components/provider-picker";
import { useCyclesT } from "@/features/cycles/messages";
import { useT } from "@/lib/i18n/use-t";

/**
 * The form items after the source: the provider picked by name, the workplace's cluster and
 * leader (unless `clusterFields` is false), the residence letter's delivery and return envelope
 * (P2), the dates.
 */
export function RequestFields({
  cycleId,
  source,
  delivery,
  clusterFields = true,
}: {
  cycleId: number;
  source: string | undefined;
  delivery: string | null | undefined;
  clusterFields?: boolean;
}) {
  const t = useT();
  const ct = useCyclesT();
  // The stamped return envelope goes with a letter sent by post only.
  const byPost = source === "residence" && delivery === "post";
  return (
    <>
      <Form.Item
        name="provider_user_id"
        label={t("feedback.provider")}
        extra={t("feedback.provider.hint")}
      >
        <ProviderPicker cycleId={cycleId} />
      </Form.Item>
      {source === "workplace" && clusterFields && (
        <>
          <Form.Item
            name="cluster"
            label={t("feedback.cluster")}
            rules={[{ max: 200, message: t("validation.max", { max: 200 }) }]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="led_by"
            label={t("feedback.ledBy")}
            rules={[{ max: 200, message: t("validation.max", { max: 200 }) }]}
          >
            <Input />
          </Form.Item>
        </>
      )}
      {source === "residence" && (
        <>
          <Form.Item name="delivery" label={t("feedback.delivery")}>
            <Select
              allowClear
              options={deliveries.map((value) => ({ value, label: deliveryText(t, value) }))}
            />
          </Form.Item>
          <Form.Item name="return_envelope" valuePropName="checked">
            <Checkbox disabled={!byPost}>{ct("feedback.returnEnvelope.field")}</Checkbox>
          </Form.Item>
        </>
      )}
      <Form.Item name="sent_on" label={t("feedback.sentOn")}>
        <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} />
      </Form.Item>
      <Form.Item name="due_on" label={t("feedback.dueOn")}>
        <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} />
      </Form.Item>
    </>
  );
}
