import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { Button, Form, Input } from "antd";
import { ApiError } from "@/api/problem";
import { FormError } from "@/components/ui/form-error";
import { useLogin, type LoginInput } from "@/features/auth/api/login";
import { useT } from "@/lib/i18n/use-t";
import { useFormProblem } from "@/lib/problems";

/** Logs in; the login route moves on once the session is open. */
export function LoginForm() {
  const t = useT();
  const [form] = Form.useForm<LoginInput>();
  const login = useLogin();
  const problem = useFormProblem(form);

  const submit = (values: LoginInput) => {
    problem.setMessage(null);
    login.mutate(values, {
      onError: (error) => {
        // One answer for an unknown user and a wrong password (401); a 429 says how long to wait.
        if (error instanceof ApiError && error.status === 401) {
          problem.setMessage(t("login.invalid"));
        } else {
          problem.show(error);
        }
      },
    });
  };

  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={submit}
      requiredMark={false}
      disabled={login.isPending}
    >
      <FormError message={problem.message} />
      <Form.Item
        name="username"
        label={t("login.username")}
        rules={[{ required: true, whitespace: true, message: t("login.username.required") }]}
      >
        <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
      </Form.Item>
      <Form.Item
        name="password"
        label={t("login.password")}
        rules={[{ required: true, message: t("login.password.required") }]}
      >
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={login.isPending}>
        {t("login.submit")}
      </Button>
    </Form>
  );
}
