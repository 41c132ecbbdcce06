import { PlusOutlined } from "@ant-design/icons";
import { Alert, App, Button, Flex, Input, Table, type TableProps } from "antd";
import { useState } from "react";
import { RoleTag } from "@/components/ui/role-tag";
import { useUsers, type User } from "@/features/users/api/get-users";
import { CreateUserModal } from "@/features/users/components/create-user-modal";
import { UserDrawer } from "@/features/users/components/user-drawer";
import { UserStatusTags } from "@/features/users/components/user-status-tags";
import type { Me } from "@/lib/auth/use-session";
import { formatDateTime } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage } from "@/lib/problems";

const perPageDefault = 20;

/** The users `me` manages: searched, paged, created, and opened in a drawer. */
export function UsersPage({ me }: { me: Me }) {
  const t = useT();
  const { message } = App.useApp();
  const [query, setQuery] = useState({ q: "", page: 1, perPage: perPageDefault });
  const users = useUsers(query);
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);

  const columns: TableProps<User>["columns"] = [
    { title: t("users.username"), dataIndex: "username", key: "username" },
    { title: t("users.displayName"), dataIndex: "display_name", key: "display_name" },
    {
      title: t("users.roles"),
      key: "roles",
      render: (_, user) => (
        <Flex wrap gap={4}>
          {user.roles.map((assignment) => (
            <RoleTag key={assignment.id} assignment={assignment} />
          ))}
        </Flex>
      ),
    },
    {
      title: t("users.status"),
      key: "active",
      render: (_, user) => <UserStatusTags user={user} />,
    },
    {
      title: t("common.createdAt"),
      dataIndex: "created_at",
      key: "created_at",
      render: (value: string) => formatDateTime(value),
    },
  ];

  return (
    <>
      <Flex justify="space-between" gap={16} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label={t("users.search")}
          placeholder={t("users.search")}
          allowClear
          enterButton
          style={{ maxWidth: 360 }}
          onSearch={(q) => setQuery((current) => ({ ...current, q: q.trim(), page: 1 }))}
        />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t("users.create")}
        </Button>
      </Flex>
      {users.isError && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(users.error, t)}
          style={{ marginBottom: 16 }}
        />
      )}
      <Table<User>
        rowKey="id"
        columns={columns}
        dataSource={users.data?.items}
        loading={users.isFetching}
        onRow={(user) => ({ onClick: () => setOpenId(user.id), style: { cursor: "pointer" } })}
        pagination={{
          current: query.page,
          pageSize: query.perPage,
          total: users.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t("common.total", { total }),
          onChange: (page, perPage) => setQuery((current) => ({ ...current, page, perPage })),
        }}
      />
      {creating && (
        <CreateUserModal
          me={me}
          onClose={() => setCreating(false)}
          onCreated={(user) => {
            setCreating(false);
            void message.success(t("users.created", { name: user.display_name }));
          }}
        />
      )}
      {openId !== null && (
        <UserDrawer me={me} userId={openId} onClose={() => setOpenId(null)} />
      )}
    </>
  );
}
