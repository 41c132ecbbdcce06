import { LockOutlined } from "@ant-design/icons";
import { Button, Form, Input } from "antd";
import { FormError } from "@/components/ui/form-error";
import { useChangePassword, type ChangePasswordInput } from "@/features/auth/api/change-password";
import { passwordLengthRule } from "@/lib/auth/password";
import { useT } from "@/lib/i18n/use-t";
import { useFormProblem } from "@/lib/problems";

type Values = ChangePasswordInput & { confirm: string };

/**
 * Sets one's own password: the current one, the new one twice (compared here). On success the
 * new session is already stored when `onChanged` runs.
 */
export function ChangePasswordForm({ onChanged }: { onChanged?: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const problem = useFormProblem(form);

  const submit = ({ current_password, new_password }: Values) => {
    problem.setMessage(null);
    change.mutate(
      { current_password, new_password },
      {
        onSuccess: () => {
          form.resetFields();
          onChanged?.();
        },
        onError: problem.show,
      },
    );
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={submit}
      requiredMark={false}
      disabled={change.isPending}
      data-testid="change-password-form"
    >
      <FormError message={problem.message} />
      <Form.Item
        name="current_password"
        label={t("password.current")}
        rules={[{ required: true, message: t("password.current.required") }]}
      >
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="new_password"
        label={t("password.new")}
        extra={t("password.new.hint")}
        dependencies={["current_password"]}
        rules={[
          { required: true, message: t("password.new.required") },
          passwordLengthRule(t),
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              value && value === getFieldValue("current_password")
                ? Promise.reject(new Error(t("password.new.same")))
                : Promise.resolve(),
          }),
        ]}
      >
        <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t("password.confirm")}
        dependencies={["new_password"]}
        rules={[
          { required: true, message: t("password.confirm.required") },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || value === getFieldValue("new_password")
                ? Promise.resolve()
                : Promise.reject(new Error(t("password.confirm.mismatch"))),
          }),
        ]}
      >
        <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={change.isPending}>
        {t("password.submit")}
      </Button>
    </Form>
  );
}
