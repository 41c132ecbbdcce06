import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Descriptions,
  Divider,
  Drawer,
  Flex,
  Form,
  Input,
  Popconfirm,
  Spin,
  Switch,
  Tooltip,
  Typography,
} from "antd";
import { useMemo } from "react";
import { FormError } from "@/components/ui/form-error";
import { RoleTag } from "@/components/ui/role-tag";
import { useAddRole, type NewRole } from "@/features/users/api/add-role";
import { useDeleteUser } from "@/features/users/api/delete-user";
import { useUser } from "@/features/users/api/get-user";
import type { User } from "@/features/users/api/get-users";
import { useRemoveRole } from "@/features/users/api/remove-role";
import { useLinkedMember, type LinkableMember } from "@/features/users/api/members";
import { useUpdateUser } from "@/features/users/api/update-user";
import { memberLabel } from "@/features/users/components/member-label";
import { MemberPicker } from "@/features/users/components/member-picker";
import { RoleFields } from "@/features/users/components/role-fields";
import { UserStatusTags } from "@/features/users/components/user-status-tags";
import { passwordRules } from "@/features/users/components/user-rules";
import { looksLikeEmail, useUsersT } from "@/features/users/messages";
import { administersOrg, isAdmin } from "@/lib/auth/permissions";
import type { Me } from "@/lib/auth/use-session";
import { formatDateTime } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { flattenTree, useOrgTree } from "@/lib/org-tree";
import { errorMessage, useFormProblem } from "@/lib/problems";

type Props = { me: Me; userId: number; onClose: () => void };

/**
 * One user: profile, active flag, roles, a new password, and deletion (admins). The API says
 * whether the caller manages this user (`manageable`): if not, the user is only shown.
 */
export function UserDrawer({ me, userId, onClose }: Props) {
  const t = useT();
  const user = useUser(userId);
  // The role form needs the organisation tree: load it with the user, not after.
  useOrgTree();

  return (
    <Drawer
      open
      size={560}
      title={user.data?.display_name ?? t("users.user")}
      onClose={onClose}
      destroyOnHidden
    >
      {user.isPending ? (
        <Spin />
      ) : user.isError ? (
        <Alert type="error" showIcon title={errorMessage(user.error, t)} />
      ) : (
        <UserDetail me={me} user={user.data} onDeleted={onClose} />
      )}
    </Drawer>
  );
}

function UserDetail({ me, user, onDeleted }: { me: Me; user: User; onDeleted: () => void }) {
  const t = useT();
  const ut = useUsersT();
  const { message } = App.useApp();
  const update = useUpdateUser(user.id);
  const remove = useDeleteUser();
  const notifyError = (error: unknown) => void message.error(errorMessage(error, t));
  const manageable = user.manageable;

  return (
    <Flex vertical gap={16}>
      {!manageable && (
        <Alert type="info" showIcon title={t("users.notManageable")} />
      )}
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label={t("users.username")}>{user.username}</Descriptions.Item>
        <Descriptions.Item label={t("users.displayName")}>
          <Typography.Text
            editable={
              manageable && {
                triggerType: ["icon"],
                onChange: (display_name) => {
                  const trimmed = display_name.trim();
                  if (trimmed !== "" && trimmed !== user.display_name) {
                    update.mutate({ display_name: trimmed }, { onError: notifyError });
                  }
                },
              }
            }
          >
            {user.display_name}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={ut("users.email")}>
          <UserEmail user={user} />
        </Descriptions.Item>
        <Descriptions.Item label={t("users.status")}>
          <Flex align="center" gap={8} wrap>
            <Tooltip title={manageable ? undefined : t("users.notManageable")}>
              <Switch
                aria-label={t("users.activeSwitch")}
                checked={user.active}
                disabled={!manageable}
                loading={update.isPending}
                onChange={(active) => update.mutate({ active }, { onError: notifyError })}
              />
            </Tooltip>
            <UserStatusTags user={user} />
          </Flex>
        </Descriptions.Item>
        <Descriptions.Item label={t("users.member")}>
          <UserMember user={user} />
        </Descriptions.Item>
        <Descriptions.Item label={t("common.createdAt")}>
          {formatDateTime(user.created_at)}
        </Descriptions.Item>
        <Descriptions.Item label={t("common.updatedAt")}>
          {formatDateTime(user.updated_at)}
        </Descriptions.Item>
      </Descriptions>

      <UserRoles me={me} user={user} />
      {manageable && <NewPassword user={user} />}

      {isAdmin(me) && manageable && (
        <>
          <Divider style={{ margin: 0 }} />
          <div>
            <Popconfirm
              title={t("users.delete.confirm", { name: user.display_name })}
              description={t("users.delete.hint")}
              okText={t("common.delete")}
              cancelText={t("common.cancel")}
              okButtonProps={{ danger: true }}
              onConfirm={() =>
                remove.mutate(user.id, {
                  onSuccess: () => {
                    void message.success(t("users.deleted", { name: user.display_name }));
                    onDeleted();
                  },
                  onError: notifyError,
                })
              }
            >
              <Button danger icon={<DeleteOutlined />} loading={remove.isPending}>
                {t("users.delete")}
              </Button>
            </Popconfirm>
          </div>
        </>
      )}
    </Flex>
  );
}

/**
 * The login's own e-mail address, where the daily agenda goes (else the member record's):
 * edited like the display name; emptied, it is removed (PATCH `email: null`).
 */
function UserEmail({ user }: { user: User }) {
  const t = useT();
  const ut = useUsersT();
  const { message } = App.useApp();
  const update = useUpdateUser(user.id);
  const notifyError = (error: unknown) => void message.error(errorMessage(error, t));
  const current = user.email ?? null;

  const change = (value: string) => {
    const trimmed = value.trim();
    const email = trimmed === "" ? null : trimmed;
    if (email === current) return;
    if (email !== null && !looksLikeEmail(email)) {
      void message.error(ut("users.email.invalid"));
      return;
    }
    update.mutate({ email }, { onError: notifyError });
  };

  return (
    <Flex vertical gap={4} data-testid="user-email">
      <Typography.Text
        type={current === null ? "secondary" : undefined}
        editable={
          user.manageable && {
            triggerType: ["icon"],
            tooltip: ut("users.email.edit"),
            text: current ?? "",
            onChange: change,
          }
        }
      >
        {current ?? ut("users.email.none")}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {ut("users.email.hint")}
      </Typography.Text>
    </Flex>
  );
}

/**
 * The member record this login belongs to (a party member's own account), by name: linked,
 * changed or unlinked by whoever manages the user (PATCH `member_id`).
 */
function UserMember({ user }: { user: User }) {
  const t = useT();
  const { message } = App.useApp();
  const update = useUpdateUser(user.id);
  const linked = useLinkedMember(user.member_id);
  const notifyError = (error: unknown) => void message.error(errorMessage(error, t));
  const name = linked.data?.full_name ?? "";

  const link = (memberId: number | null, member?: LinkableMember) => {
    if (memberId === null || memberId === user.member_id) return;
    update.mutate(
      { member_id: memberId },
      {
        onSuccess: () =>
          void message.success(t("users.member.linked", { name: member?.full_name ?? "" })),
        onError: notifyError,
      },
    );
  };
  const unlink = () =>
    update.mutate(
      { member_id: null },
      {
        onSuccess: () => void message.success(t("users.member.unlinked")),
        onError: notifyError,
      },
    );

  const shown =
    user.member_id == null ? (
      <Typography.Text type="secondary">{t("users.member.none")}</Typography.Text>
    ) : linked.isPending ? (
      <Spin size="small" />
    ) : linked.isError ? (
      <Typography.Text type="secondary">{errorMessage(linked.error, t)}</Typography.Text>
    ) : (
      <Typography.Text strong>{memberLabel(t, linked.data)}</Typography.Text>
    );

  return (
    <Flex vertical gap={8} data-testid="user-member">
      <Flex align="center" justify="space-between" gap={8} wrap>
        {shown}
        {user.manageable && user.member_id != null && (
          <Popconfirm
            title={t("users.member.unlink.confirm", { name })}
            description={t("users.member.unlink.hint")}
            okText={t("users.member.unlink")}
            cancelText={t("common.cancel")}
            onConfirm={unlink}
          >
            <Button size="small" loading={update.isPending}>
              {t("users.member.unlink")}
            </Button>
          </Popconfirm>
        )}
      </Flex>
      {user.manageable && (
        <MemberPicker
          aria-label={t("users.member.link")}
          value={null}
          onChange={link}
          disabled={update.isPending}
        />
      )}
    </Flex>
  );
}

function UserRoles({ me, user }: { me: Me; user: User }) {
  const t = useT();
  const { message } = App.useApp();
  const tree = useOrgTree();
  const addRole = useAddRole(user.id);
  const removeRole = useRemoveRole(user.id);
  const [form] = Form.useForm<NewRole>();
  const problem = useFormProblem(form, { role_exists: "role" });
  const orgs = useMemo(() => flattenTree(tree.data ?? []), [tree.data]);

  // The API decides; this only hides what it would refuse: admins revoke anything, committees
  // the roles (but admin) held in their subtree.
  const mayRevoke = (organizationId: number | null | undefined, role: string) => {
    if (!user.manageable) return false;
    if (isAdmin(me)) return true;
    const org = orgs.find((candidate) => candidate.id === organizationId);
    return role !== "admin" && org !== undefined && administersOrg(me, org);
  };

  const submit = (values: NewRole) => {
    problem.setMessage(null);
    addRole.mutate(
      { role: values.role, organization_id: values.organization_id ?? null },
      {
        onSuccess: () => {
          form.resetFields();
          void message.success(t("users.roles.added"));
        },
        onError: problem.show,
      },
    );
  };

  return (
    <div>
      <Typography.Title level={5}>{t("users.roles")}</Typography.Title>
      <Flex vertical gap={8} style={{ marginBottom: 16 }} data-testid="user-roles">
        {user.roles.length === 0 && (
          <Typography.Text type="secondary">{t("users.roles.none")}</Typography.Text>
        )}
        {user.roles.map((assignment) => (
          <Flex key={assignment.id} justify="space-between" align="center" gap={8}>
            <RoleTag assignment={assignment} />
            {mayRevoke(assignment.organization_id, assignment.role) && (
              <Popconfirm
                title={t("users.roles.revoke.confirm")}
                okText={t("users.roles.revoke")}
                cancelText={t("common.cancel")}
                okButtonProps={{ danger: true }}
                onConfirm={() =>
                  removeRole.mutate(assignment.id, {
                    onSuccess: () => void message.success(t("users.roles.revoked")),
                    onError: (error) => void message.error(errorMessage(error, t)),
                  })
                }
              >
                <Button size="small" danger type="text">
                  {t("users.roles.revoke")}
                </Button>
              </Popconfirm>
            )}
          </Flex>
        ))}
      </Flex>
      {user.manageable && (
        <>
          <FormError message={problem.message} />
          <Form form={form} layout="vertical" onFinish={submit} disabled={addRole.isPending}>
            <RoleFields me={me} prefix={[]} path={[]} />
            <Button htmlType="submit" icon={<PlusOutlined />} loading={addRole.isPending}>
              {t("users.roles.grant")}
            </Button>
          </Form>
        </>
      )}
    </div>
  );
}

function NewPassword({ user }: { user: User }) {
  const t = useT();
  const { message } = App.useApp();
  const update = useUpdateUser(user.id);
  const [form] = Form.useForm<{ password: string }>();
  const problem = useFormProblem(form);

  const submit = ({ password }: { password: string }) => {
    problem.setMessage(null);
    update.mutate(
      { password },
      {
        onSuccess: () => {
          form.resetFields();
          void message.success(t("users.password.changed"));
        },
        onError: problem.show,
      },
    );
  };

  return (
    <div>
      <Typography.Title level={5}>{t("users.password.new")}</Typography.Title>
      <FormError message={problem.message} />
      <Form form={form} layout="vertical" onFinish={submit} disabled={update.isPending}>
        <Form.Item
          name="password"
          label={t("users.password")}
          extra={t("users.password.revokes")}
          rules={passwordRules(t)}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button htmlType="submit" loading={update.isPending}>
          {t("users.password.set")}
        </Button>
      </Form>
    </div>
  );
}
