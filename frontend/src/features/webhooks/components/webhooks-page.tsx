import { PlusOutlined, StopOutlined, UnorderedListOutlined } from "@ant-design/icons";
import { Alert, App, Button, Flex, Popconfirm, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useStopWebhook, useWebhooks, type Webhook } from "@/features/webhooks/api/webhooks";
import { CreateWebhookModal } from "@/features/webhooks/components/create-webhook-modal";
import { DeliveriesDrawer } from "@/features/webhooks/components/deliveries-drawer";
import { eventText } from "@/features/webhooks/components/labels";
import { SecretModal } from "@/features/webhooks/components/secret-modal";
import { useWebhooksT } from "@/features/webhooks/messages";
import { formatDate } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { flattenTree, useOrgTree } from "@/lib/org-tree";
import { errorMessage } from "@/lib/problems";

/** The webhook subscriptions (admins only): create, stop, and each one's delivery log. */
export function WebhooksPage() {
  const t = useT();
  const wt = useWebhooksT();
  const { message } = App.useApp();
  const webhooks = useWebhooks();
  const tree = useOrgTree();
  const stop = useStopWebhook();
  const [creating, setCreating] = useState(false);
  // The creation answer, kept only while its secret is on screen.
  const [created, setCreated] = useState<Webhook | null>(null);
  const [logOf, setLogOf] = useState<Webhook | null>(null);
  const orgName = (id: number) =>
    flattenTree(tree.data ?? []).find((org) => org.id === id)?.name ?? String(id);

  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {wt("webhooks.intro")}
      </Typography.Paragraph>
      <Flex>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {wt("webhooks.create")}
        </Button>
      </Flex>
      {webhooks.isError && <Alert type="error" showIcon title={errorMessage(webhooks.error, t)} />}
      <Table<Webhook>
        data-testid="webhooks"
        size="small"
        pagination={false}
        rowKey="id"
        loading={webhooks.isPending}
        dataSource={webhooks.data}
        locale={{ emptyText: wt("webhooks.empty") }}
        columns={[
          { title: wt("webhooks.url"), dataIndex: "url" },
          {
            title: wt("webhooks.events"),
            key: "events",
            render: (_, row) => (
              <Flex gap={4} wrap>
                {row.events.map((event) => (
                  <Tag key={event} title={event} style={{ marginInlineEnd: 0 }}>
                    {eventText(wt, event)}
                  </Tag>
                ))}
              </Flex>
            ),
          },
          {
            title: wt("webhooks.organization"),
            key: "organization",
            render: (_, row) => orgName(row.organization_id),
          },
          {
            title: wt("webhooks.active"),
            key: "active",
            render: (_, row) =>
              row.active ? (
                <Tag color="green">{wt("webhooks.active.yes")}</Tag>
              ) : (
                <Tag>{wt("webhooks.active.no")}</Tag>
              ),
          },
          { title: wt("webhooks.createdBy"), dataIndex: "created_by" },
          {
            title: wt("webhooks.createdAt"),
            key: "created_at",
            render: (_, row) => formatDate(row.created_at),
          },
          {
            key: "actions",
            align: "right",
            render: (_, row) => (
              <Flex gap={4} justify="end">
                <Button size="small" icon={<UnorderedListOutlined />} onClick={() => setLogOf(row)}>
                  {wt("webhooks.deliveries")}
                </Button>
                {row.active && (
                  <Popconfirm
                    title={wt("webhooks.stop.confirm", { url: row.url })}
                    description={wt("webhooks.stop.hint")}
                    okText={wt("webhooks.stop")}
                    okButtonProps={{ danger: true }}
                    onConfirm={() =>
                      stop.mutate(row.id, {
                        onSuccess: () => void message.success(wt("webhooks.stopped")),
                        onError: (error) => void message.error(errorMessage(error, t)),
                      })
                    }
                  >
                    <Button size="small" danger icon={<StopOutlined />}>
                      {wt("webhooks.stop")}
                    </Button>
                  </Popconfirm>
                )}
              </Flex>
            ),
          },
        ]}
      />
      {creating && (
        <CreateWebhookModal
          onClose={() => setCreating(false)}
          onCreated={(webhook) => {
            setCreating(false);
            setCreated(webhook);
          }}
        />
      )}
      {created && <SecretModal webhook={created} onClose={() => setCreated(null)} />}
      {logOf && <DeliveriesDrawer webhook={logOf} onClose={() => setLogOf(null)} />}
    </Flex>
  );
}
