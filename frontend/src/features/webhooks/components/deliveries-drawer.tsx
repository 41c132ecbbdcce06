import { RedoOutlined } from "@ant-design/icons";
import { Alert, App, Button, Drawer, Table, Tag } from "antd";
import { useState } from "react";
import {
  useDeliveries,
  useRedeliver,
  type Delivery,
  type Webhook,
} from "@/features/webhooks/api/webhooks";
import {
  deliveryStatusColor,
  deliveryStatusText,
  eventText,
} from "@/features/webhooks/components/labels";
import { useWebhooksT } from "@/features/webhooks/messages";
import { formatDateTimeSeconds } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { PAGE_SIZE_OPTIONS, TABLE_PER_PAGE } from "@/lib/paging";
import { errorMessage } from "@/lib/problems";

/** A subscription's delivery log, newest first, with a way to deliver one again. */
export function DeliveriesDrawer({ webhook, onClose }: { webhook: Webhook; onClose: () => void }) {
  const t = useT();
  const wt = useWebhooksT();
  const { message } = App.useApp();
  const [paging, setPaging] = useState({ page: 1, per_page: TABLE_PER_PAGE });
  const deliveries = useDeliveries(webhook.id, paging);
  const redeliver = useRedeliver();

  return (
    <Drawer
      open
      size="large"
      title={wt("webhooks.deliveries.title", { url: webhook.url })}
      onClose={onClose}
    >
      {deliveries.isError && (
        <Alert type="error" showIcon title={errorMessage(deliveries.error, t)} />
      )}
      <Table<Delivery>
        data-testid="deliveries"
        size="small"
        rowKey="id"
        loading={deliveries.isFetching}
        dataSource={deliveries.data?.items}
        pagination={{
          current: paging.page,
          pageSize: paging.per_page,
          total: deliveries.data?.total ?? 0,
          // A short list (the usual case) shows no pager at all.
          hideOnSinglePage: true,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZE_OPTIONS,
          showTotal: (total) => t("common.total", { total }),
          onChange: (page, per_page) => setPaging({ page, per_page }),
        }}
        locale={{ emptyText: wt("webhooks.deliveries.empty") }}
        columns={[
          {
            title: wt("webhooks.delivery.event"),
            key: "event",
            render: (_, row) => <span title={row.event}>{eventText(wt, row.event)}</span>,
          },
          {
            title: wt("webhooks.delivery.status"),
            key: "status",
            render: (_, row) => (
              <Tag color={deliveryStatusColor(row.status)}>{deliveryStatusText(wt, row.status)}</Tag>
            ),
          },
          { title: wt("webhooks.delivery.attempts"), dataIndex: "attempts", align: "right" },
          {
            title: wt("webhooks.delivery.lastStatus"),
            key: "last_status",
            align: "right",
            render: (_, row) => row.last_status ?? "",
          },
          {
            title: wt("webhooks.delivery.lastError"),
            key: "last_error",
            render: (_, row) => row.last_error ?? "",
          },
          {
            title: wt("webhooks.delivery.time"),
            key: "time",
            render: (_, row) =>
              row.delivered_at
                ? wt("webhooks.delivery.deliveredAt", { at: formatDateTimeSeconds(row.delivered_at) })
                : wt("webhooks.delivery.nextAttemptAt", {
                    at: formatDateTimeSeconds(row.next_attempt_at),
                  }),
          },
          {
            key: "redeliver",
            align: "right",
            render: (_, row) => (
              <Button
                size="small"
                icon={<RedoOutlined />}
                loading={redeliver.isPending && redeliver.variables === row.id}
                onClick={() =>
                  redeliver.mutate(row.id, {
                    onSuccess: () => void message.success(wt("webhooks.redelivered")),
                    onError: (error) => void message.error(errorMessage(error, t)),
                  })
                }
              >
                {wt("webhooks.redeliver")}
              </Button>
            ),
          },
        ]}
      />
    </Drawer>
  );
}
