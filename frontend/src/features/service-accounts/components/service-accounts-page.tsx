import { PlusOutlined, StopOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Flex,
  Popconfirm,
  Table,
  Tag,
  Typography,
  type TableProps,
} from "antd";
import { useState } from "react";
import {
  useDeactivateServiceAccount,
} from "@/features/service-accounts/api/deactivate-service-account";
import {
  useServiceAccounts,
  type ServiceAccount,
} from "@/features/service-accounts/api/get-service-accounts";
import {
  CreateServiceAccountModal,
} from "@/features/service-accounts/components/create-service-account-modal";
import { SecretModal } from "@/features/service-accounts/components/secret-modal";
import { formatDateTime } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage } from "@/lib/problems";

/** The provincial system's clients (admins only): listed, created, deactivated. */
export function ServiceAccountsPage() {
  const t = useT();
  const { message } = App.useApp();
  const accounts = useServiceAccounts();
  const deactivate = useDeactivateServiceAccount();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<ServiceAccount | null>(null);

  const columns: TableProps<ServiceAccount>["columns"] = [
    { title: t("sa.name"), dataIndex: "name", key: "name" },
    {
      title: t("sa.clientId"),
      dataIndex: "client_id",
      key: "client_id",
      render: (value: string) => (
        <Typography.Text code copyable>
          {value}
        </Typography.Text>
      ),
    },
    { title: t("sa.organization"), dataIndex: "organization_name", key: "organization_name" },
    {
      title: t("users.status"),
      key: "active",
      render: (_, account) =>
        account.active ? (
          <Tag color="green">{t("users.active")}</Tag>
        ) : (
          <Tag>{t("sa.inactive")}</Tag>
        ),
    },
    {
      title: t("common.createdAt"),
      dataIndex: "created_at",
      key: "created_at",
      render: (value: string) => formatDateTime(value),
    },
    {
      key: "actions",
      render: (_, account) =>
        account.active && (
          <Popconfirm
            title={t("sa.deactivate.confirm", { name: account.name })}
            description={t("sa.deactivate.hint")}
            okText={t("sa.deactivate")}
            cancelText={t("common.cancel")}
            okButtonProps={{ danger: true }}
            onConfirm={() =>
              deactivate.mutate(account.id, {
                onSuccess: () => void message.success(t("sa.deactivated", { name: account.name })),
                onError: (error) => void message.error(errorMessage(error, t)),
              })
            }
          >
            <Button danger size="small" icon={<StopOutlined />}>
              {t("sa.deactivate")}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <Flex justify="end" style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t("sa.create")}
        </Button>
      </Flex>
      {accounts.isError && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(accounts.error, t)}
          style={{ marginBottom: 16 }}
        />
      )}
      <Table<ServiceAccount>
        rowKey="id"
        columns={columns}
        dataSource={accounts.data}
        loading={accounts.isFetching}
        pagination={false}
      />
      {creating && (
        <CreateServiceAccountModal
          onClose={() => setCreating(false)}
          onCreated={(account) => {
            setCreating(false);
            setCreated(account);
          }}
        />
      )}
      {created !== null && <SecretModal account={created} onClose={() => setCreated(null)} />}
    </>
  );
}
