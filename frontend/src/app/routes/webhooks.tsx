import { Typography } from "antd";
import { WebhooksPage } from "@/features/webhooks/components/webhooks-page";
import { useWebhooksT } from "@/features/webhooks/messages";

export function WebhooksRoute() {
  const wt = useWebhooksT();
  return (
    <>
      <Typography.Title level={2}>{wt("webhooks.title")}</Typography.Title>
      <WebhooksPage />
    </>
  );
}
