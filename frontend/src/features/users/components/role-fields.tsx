import { Form, Select } from "antd";
import { useCallback } from "react";
import { OrgTreeSelect } from "@/components/org-tree-select";
import { administersOrg, isAdmin } from "@/lib/auth/permissions";
import type { Me } from "@/lib/auth/use-session";
import { isOrgKind } from "@/lib/domain/org-kinds";
import { grantableRoles, roleAllowedOn, type Role } from "@/lib/domain/roles";
import { useT } from "@/lib/i18n/use-t";
import type { Organization } from "@/lib/org-tree";

type NamePath = (string | number)[];

type Props = {
  me: Me;
  /** Where the pair sits in the form: `[]` for `role`, `[0]` inside a Form.List of roles. */
  prefix: NamePath;
  /** The full path of the pair in the form's values (for watching the role). */
  path: NamePath;
};

/**
 * A role and the organisation it is held on: only the roles `me` may grant (admin for admins,
 * never integration), and only organisations `me` administers whose kind the role allows.
 */
export function RoleFields({ me, prefix, path }: Props) {
  const t = useT();
  const form = Form.useFormInstance();
  const role = Form.useWatch<Role | undefined>([...path, "role"], form);

  const selectable = useCallback(
    (org: Organization) =>
      role !== undefined &&
      isOrgKind(org.kind) &&
      roleAllowedOn(role, org.kind) &&
      administersOrg(me, org),
    [me, role],
  );

  return (
    <>
      <Form.Item
        name={[...prefix, "role"]}
        label={t("users.role")}
        rules={[{ required: true, message: t("users.role.required") }]}
      >
        <Select<Role>
          aria-label={t("users.role")}
          placeholder={t("users.role.placeholder")}
          options={grantableRoles(isAdmin(me)).map((value) => ({
            value,
            label: t(`role.${value}`),
          }))}
          // A role held on other kinds of organisation needs a new choice.
          onChange={() => form.setFieldValue([...path, "organization_id"], null)}
        />
      </Form.Item>
      {role !== "admin" && (
        <Form.Item
          name={[...prefix, "organization_id"]}
          label={t("users.organization")}
          rules={[{ required: true, message: t("users.organization.required") }]}
        >
          <OrgTreeSelect
            aria-label={t("users.organization")}
            placeholder={t(
              role === undefined ? "users.organization.pickRole" : "users.organization.placeholder",
            )}
            selectable={selectable}
          />
        </Form.Item>
      )}
    </>
  );
}
