import { Form, Input, Modal } from "antd";
import { OrgTreeSelect } from "@/components/org-tree-select";
import { FormError } from "@/components/ui/form-error";
import {
  useCreateServiceAccount,
  type CreateServiceAccountInput,
} from "@/features/service-accounts/api/create-service-account";
import type { ServiceAccount } from "@/features/service-accounts/api/get-service-accounts";
import { isOrgKind } from "@/lib/domain/org-kinds";
import { roleAllowedOn } from "@/lib/domain/roles";
import { useT } from "@/lib/i18n/use-t";
import type { Organization } from "@/lib/org-tree";
import { useFormProblem } from "@/lib/problems";

// A service account acts with the role `integration`, held on a province, district or base.
const selectable = (org: Organization) =>
  isOrgKind(org.kind) && roleAllowedOn("integration", org.kind);

type Props = { onClose: () => void; onCreated: (account: ServiceAccount) => void };

export function CreateServiceAccountModal({ onClose, onCreated }: Props) {
  const t = useT();
  const [form] = Form.useForm<CreateServiceAccountInput>();
  const create = useCreateServiceAccount();
  const problem = useFormProblem(form);

  const submit = (values: CreateServiceAccountInput) => {
    problem.setMessage(null);
    create.mutate(values, {
      onSuccess: onCreated,
      onError: problem.show,
    });
  };

  return (
    <Modal
      open
      title={t("sa.create")}
      okText={t("common.create")}
      cancelText={t("common.cancel")}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <FormError message={problem.message} />
      <Form form={form} layout="vertical" onFinish={submit} disabled={create.isPending}>
        <Form.Item
          name="name"
          label={t("sa.name")}
          rules={[
            { required: true, whitespace: true, message: t("sa.name.required") },
            { max: 200, message: t("validation.max", { max: 200 }) },
          ]}
        >
          <Input autoFocus />
        </Form.Item>
        <Form.Item
          name="organization_id"
          label={t("sa.organization")}
          extra={t("sa.organization.hint")}
          rules={[{ required: true, message: t("sa.organization.required") }]}
        >
          <OrgTreeSelect aria-label={t("sa.organization")} selectable={selectable} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
