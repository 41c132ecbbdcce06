import { Checkbox, Form, Input, Modal, Select } from "antd";
import type { components } from "@/api/schema";
import { FormError } from "@/components/ui/form-error";
import {
  useSaveRating,
  type BranchMember,
  type RatingInput,
} from "@/features/cycles/api/self-reviews";
import { honours, ratingLevelText, ratingLevels } from "@/features/cycles/components/labels";
import type { MessageKey } from "@/lib/i18n/messages";
import { useT } from "@/lib/i18n/use-t";
import { useFormProblem } from "@/lib/problems";

type Props = {
  cycleId: number;
  member: BranchMember;
  current: components["schemas"]["ProfessionalRating"] | undefined;
  onClose: () => void;
};

/** Records the professional rating of a member (the unit's, not the Party's). */
export function RatingModal({ cycleId, member, current, onClose }: Props) {
  const t = useT();
  const [form] = Form.useForm<RatingInput>();
  const save = useSaveRating({ cycleId, memberId: member.id });
  const problem = useFormProblem(form);
  return (
    <Modal
      open
      title={t("rating.title", { name: member.full_name })}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <FormError message={problem.message} />
      <Form<RatingInput>
        form={form}
        layout="vertical"
        initialValues={current ?? { honours: [], attested_exemplary: false }}
        onFinish={(values) => {
          problem.setMessage(null);
          save.mutate(values, { onSuccess: onClose, onError: problem.show });
        }}
      >
        <Form.Item
          name="level"
          label={t("rating.level")}
          rules={[{ required: true, message: t("validation.required") }]}
        >
          <Select
            options={ratingLevels.map((level) => ({
              value: level,
              label: ratingLevelText(t, level),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="rating_unit"
          label={t("rating.unit")}
          rules={[{ required: true, whitespace: true, message: t("validation.required") }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="post"
          label={t("rating.post")}
          rules={[{ required: true, whitespace: true, message: t("validation.required") }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="honours" label={t("rating.honours")}>
          <Checkbox.Group
            options={honours.map((honour) => ({
              value: honour,
              label: t(`honour.${honour}` as MessageKey),
            }))}
          />
        </Form.Item>
        <Form.Item name="attested_exemplary" valuePropName="checked">
          <Checkbox>{t("rating.exemplary")}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
