import { DatePicker, Form, InputNumber, Modal } from "antd";
import type dayjs from "dayjs";
import { OrgTreeSelect } from "@/components/org-tree-select";
import { FormError } from "@/components/ui/form-error";
import { useCreateCycle, type Cycle } from "@/features/cycles/api/cycles";
import { toApiDay, todayInVietnam } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import type { Organization } from "@/lib/org-tree";
import { useFormProblem } from "@/lib/problems";

// A cycle is run by a base organisation, a district or the province.
const selectable = (org: Organization) => ["base", "district", "province"].includes(org.kind);

type Values = { organization_id: number; year: number; reference_date: dayjs.Dayjs };
type Props = { onClose: () => void; onCreated: (cycle: Cycle) => void };

export function CreateCycleModal({ onClose, onCreated }: Props) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const create = useCreateCycle();
  const problem = useFormProblem(form);
  const today = todayInVietnam();

  const submit = (values: Values) => {
    problem.setMessage(null);
    create.mutate(
      {
        organization_id: values.organization_id,
        year: values.year,
        reference_date: toApiDay(values.reference_date),
      },
      { onSuccess: onCreated, onError: problem.show },
    );
  };

  return (
    <Modal
      open
      title={t("cycles.create")}
      okText={t("common.create")}
      cancelText={t("common.cancel")}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <FormError message={problem.message} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={create.isPending}
        initialValues={{ year: today.year(), reference_date: today }}
      >
        <Form.Item
          name="organization_id"
          label={t("cycles.organization")}
          extra={t("cycles.organization.hint")}
          rules={[{ required: true, message: t("cycles.organization.required") }]}
        >
          <OrgTreeSelect aria-label={t("cycles.organization")} selectable={selectable} />
        </Form.Item>
        <Form.Item
          name="year"
          label={t("cycles.year")}
          rules={[{ required: true, message: t("validation.required") }]}
        >
          <InputNumber min={2000} max={2100} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item
          name="reference_date"
          label={t("cycles.referenceDate")}
          rules={[{ required: true, message: t("validation.required") }]}
        >
          <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
