import { Form, Modal, Typography } from "antd";
import { useCallback } from "react";
import { OrgTreeSelect } from "@/components/org-tree-select";
import { FormError } from "@/components/ui/form-error";
import { orgKindText } from "@/lib/domain/labels";
import { useUpdateOrganization } from "@/features/organizations/api/update-organization";
import { canManageOrg } from "@/lib/auth/permissions";
import type { Me } from "@/lib/auth/use-session";
import { isOrgKind, parentKind } from "@/lib/domain/org-kinds";
import { useT } from "@/lib/i18n/use-t";
import type { Organization } from "@/lib/org-tree";
import { useFormProblem } from "@/lib/problems";

type Values = { parent_id: number | null };

type Props = {
  me: Me;
  org: Organization;
  onClose: () => void;
  onMoved: (org: Organization) => void;
};

/** Moves `org` and its subtree under a new parent of the kind above it. */
export function MoveOrganizationModal({ me, org, onClose, onMoved }: Props) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const update = useUpdateOrganization();
  const problem = useFormProblem(form);
  const targetKind = isOrgKind(org.kind) ? parentKind(org.kind) : null;

  const selectable = useCallback(
    (candidate: Organization) =>
      candidate.kind === targetKind &&
      candidate.id !== org.parent_id &&
      canManageOrg(me, candidate, true),
    [me, org.parent_id, targetKind],
  );

  const submit = ({ parent_id }: Values) => {
    problem.setMessage(null);
    update.mutate(
      { id: org.id, body: { parent_id } },
      {
        onSuccess: onMoved,
        onError: problem.show,
      },
    );
  };

  return (
    <Modal
      open
      title={t("org.move.title", { name: org.name })}
      okText={t("org.move")}
      cancelText={t("common.cancel")}
      confirmLoading={update.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {targetKind === null
          ? t("org.move.none")
          : t("org.move.hint", { kind: orgKindText(t, targetKind) })}
      </Typography.Paragraph>
      <FormError message={problem.message} />
      <Form form={form} layout="vertical" onFinish={submit} disabled={update.isPending}>
        <Form.Item
          name="parent_id"
          label={t("org.move.parent")}
          rules={[{ required: true, message: t("org.move.parent.required") }]}
        >
          <OrgTreeSelect selectable={selectable} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
