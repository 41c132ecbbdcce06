import { webhookEvents } from "@/features/webhooks/api/webhooks";
import type { WebhooksTranslate } from "@/features/webhooks/messages";

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

export function eventText(wt: WebhooksTranslate, event: string): string {
  return isOneOf(webhookEvents, event) ? wt(`webhooks.event.${event}`) : event;
}

const deliveryStatuses = ["pending", "delivered", "failed"] as const;
const statusColors = { pending: "blue", delivered: "green", failed: "red" } as const;

export function deliveryStatusText(wt: WebhooksTranslate, status: string): string {
  return isOneOf(deliveryStatuses, status) ? wt(`webhooks.delivery.status.${status}`) : status;
}

export function deliveryStatusColor(status: string): string {
  return isOneOf(deliveryStatuses, status) ? statusColors[status] : "default";
}
