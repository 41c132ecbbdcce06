import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Card, Form, Input, Modal } from "antd";
import { FormError } from "@/components/ui/form-error";
import { useCreateUser, type CreateUserInput } from "@/features/users/api/create-user";
import type { User } from "@/features/users/api/get-users";
import { MemberPicker } from "@/features/users/components/member-picker";
import { RoleFields } from "@/features/users/components/role-fields";
import { passwordRules, usernameRules } from "@/features/users/components/user-rules";
import { emailMaxLength, useUsersT } from "@/features/users/messages";
import { isAdmin } from "@/lib/auth/permissions";
import type { Me } from "@/lib/auth/use-session";
import { useT } from "@/lib/i18n/use-t";
import { useFormProblem } from "@/lib/problems";

type Props = { me: Me; onClose: () => void; onCreated: (user: User) => void };

export function CreateUserModal({ me, onClose, onCreated }: Props) {
  const t = useT();
  const ut = useUsersT();
  const [form] = Form.useForm<CreateUserInput>();
  const create = useCreateUser();
  const problem = useFormProblem(form, { username_taken: "username" });
  // Only an admin may create a user without a role (a committee's users live in its subtree).
  const rolesRequired = !isAdmin(me);

  const submit = (values: CreateUserInput) => {
    problem.setMessage(null);
    // The e-mail is optional: sent only when filled in.
    const { email, ...rest } = values;
    const trimmed = email?.trim() ?? "";
    create.mutate(
      { ...rest, ...(trimmed === "" ? {} : { email: trimmed }), roles: values.roles ?? [] },
      {
        onSuccess: onCreated,
        onError: problem.show,
      },
    );
  };

  return (
    <Modal
      open
      title={t("users.create")}
      okText={t("common.create")}
      cancelText={t("common.cancel")}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      <FormError message={problem.message} />
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={create.isPending}
        initialValues={{ roles: rolesRequired ? [{}] : [] }}
      >
        <Form.Item name="username" label={t("users.username")} rules={usernameRules(t)}>
          <Input autoComplete="off" autoFocus />
        </Form.Item>
        <Form.Item
          name="display_name"
          label={t("users.displayName")}
          rules={[
            { required: true, whitespace: true, message: t("users.displayName.required") },
            { max: 200, message: t("validation.max", { max: 200 }) },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="email"
          label={ut("users.email")}
          extra={ut("users.email.hint")}
          rules={[
            { type: "email", message: ut("users.email.invalid") },
            { max: emailMaxLength, message: t("validation.max", { max: emailMaxLength }) },
          ]}
        >
          <Input type="email" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t("users.password")}
          extra={t("users.password.hint")}
          rules={passwordRules(t)}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="member_id" label={t("users.member")} extra={t("users.member.hint")}>
          <MemberPicker />
        </Form.Item>
        <Form.List
          name="roles"
          rules={[
            {
              validator: (_, roles?: unknown[]) =>
                rolesRequired && (roles ?? []).length === 0
                  ? Promise.reject(new Error(t("users.roles.required")))
                  : Promise.resolve(),
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <Form.Item label={t("users.roles")}>
              {fields.map((field) => (
                <Card
                  key={field.key}
                  size="small"
                  style={{ marginBottom: 8 }}
                  extra={
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      aria-label={t("users.roles.remove")}
                      onClick={() => remove(field.name)}
                    />
                  }
                >
                  <RoleFields me={me} prefix={[field.name]} path={["roles", field.name]} />
                </Card>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block>
                {t("users.roles.add")}
              </Button>
              <Form.ErrorList errors={errors} />
            </Form.Item>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
