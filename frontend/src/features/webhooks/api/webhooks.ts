import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { client, unwrap } from "@/api/client";
import type { components } from "@/api/schema";

export type Webhook = components["schemas"]["Webhook"];
export type NewWebhook = components["schemas"]["NewWebhook"];
export type Delivery = components["schemas"]["DeliveryRecord"];

/** The events a receiver may subscribe to. */
export const webhookEvents = [
  "cycle.stage_changed",
  "classification.finalized",
  "classification.approved",
  "reward.nominated",
] as const;

const webhooksKey = ["webhooks"] as const;

export function useWebhooks() {
  return useQuery({
    queryKey: [...webhooksKey, "list"],
    queryFn: () => unwrap(client.GET("/api/v1/webhooks")),
  });
}

/** Subscribes a receiver; the answer carries the secret, which is never shown again. */
export function useCreateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewWebhook) => unwrap(client.POST("/api/v1/webhooks", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksKey }),
  });
}

/** Stops a subscription; its deliveries stay in the log. */
export function useStopWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      unwrap(client.DELETE("/api/v1/webhooks/{id}", { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksKey }),
  });
}

/** The page of the delivery log asked for. */
export type DeliveriesQuery = { page: number; per_page: number };

/** A page of a subscription's delivery log, newest first. */
export function useDeliveries(webhookId: number, query: DeliveriesQuery) {
  return useQuery({
    queryKey: [...webhooksKey, "deliveries", webhookId, query],
    queryFn: () =>
      unwrap(
        client.GET("/api/v1/webhooks/{id}/deliveries", {
          params: { path: { id: webhookId }, query },
        }),
      ),
    // Paging keeps the last page on screen until the next one arrives.
    placeholderData: keepPreviousData,
  });
}

/** Delivers again now: a failed delivery, or one the receiver lost. */
export function useRedeliver() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: number) =>
      unwrap(
        client.POST("/api/v1/webhooks/deliveries/{id}/redeliver", {
          params: { path: { id: deliveryId } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...webhooksKey, "deliveries"] }),
  });
}
