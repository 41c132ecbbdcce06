import { Form, Input, Modal, Typography } from "antd";
import { FormError } from "@/components/ui/form-error";
import { orgKindText } from "@/lib/domain/labels";
import { useCreateOrganization } from "@/features/organizations/api/create-organization";
import { useUpdateOrganization } from "@/features/organizations/api/update-organization";
import type { OrgKind } from "@/lib/domain/org-kinds";
import { useT } from "@/lib/i18n/use-t";
import type { Organization } from "@/lib/org-tree";
import { useFormProblem } from "@/lib/problems";

/** Creating under `parent` (null: a province), or renaming `org`. */
export type OrganizationFormTarget =
  | { mode: "create"; parent: Organization | null; kind: OrgKind }
  | { mode: "rename"; org: Organization };

type Values = { name: string; code: string };

type Props = {
  target: OrganizationFormTarget;
  onClose: () => void;
  onSaved: (org: Organization) => void;
};

/** Shown only while open: a new target gets a fresh form. */
export function OrganizationFormModal({ target, onClose, onSaved }: Props) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const create = useCreateOrganization();
  const update = useUpdateOrganization();
  const problem = useFormProblem(form, { code_taken: "code" });
  const pending = create.isPending || update.isPending;

  const kind = target.mode === "create" ? target.kind : target.org.kind;
  const title =
    target.mode === "create"
      ? target.parent === null
        ? t("org.createRoot", { kind: orgKindText(t, kind) })
        : t("org.createChild")
      : t("org.rename");

  const submit = (values: Values) => {
    problem.setMessage(null);
    const callbacks = { onSuccess: onSaved, onError: problem.show };
    if (target.mode === "create") {
      create.mutate(
        { ...values, kind: target.kind, parent_id: target.parent?.id ?? null },
        callbacks,
      );
    } else {
      update.mutate({ id: target.org.id, body: values }, callbacks);
    }
  };

  return (
    <Modal
      open
      title={title}
      okText={target.mode === "create" ? t("common.create") : t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={pending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {target.mode === "create" && (
        <Typography.Paragraph>
          {target.parent === null
            ? t("org.createRoot.hint")
            : t("org.createChild.hint", {
                kind: orgKindText(t, target.kind),
                parent: target.parent.name,
              })}
        </Typography.Paragraph>
      )}
      <FormError message={problem.message} />
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={pending}
        initialValues={
          target.mode === "rename" ? { name: target.org.name, code: target.org.code } : undefined
        }
      >
        <Form.Item
          name="name"
          label={t("org.name")}
          rules={[
            { required: true, whitespace: true, message: t("org.name.required") },
            { max: 200, message: t("validation.max", { max: 200 }) },
          ]}
        >
          <Input autoFocus />
        </Form.Item>
        <Form.Item
          name="code"
          label={t("org.code")}
          extra={t("org.code.hint")}
          rules={[
            { required: true, message: t("org.code.required") },
            { max: 32, message: t("validation.max", { max: 32 }) },
            { pattern: /^[A-Za-z0-9._-]+$/, message: t("org.code.pattern") },
          ]}
        >
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
