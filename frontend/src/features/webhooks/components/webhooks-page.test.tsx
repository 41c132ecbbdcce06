import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { components } from "@/api/schema";
import type { Delivery, Webhook } from "@/features/webhooks/api/webhooks";
import { WebhooksPage } from "@/features/webhooks/components/webhooks-page";
import { json, pageJson, startSession, stubApi } from "@/testing/api";
import { renderPage } from "@/testing/render-page";

type OrgNode = components["schemas"]["OrganizationNode"];

const province: OrgNode = {
  id: 1,
  kind: "province",
  code: "NA",
  name: "Tỉnh ủy Nghệ An",
  parent_id: null,
  ancestor_ids: [],
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
  children: [],
};
const orgTree = { items: [], tree: [province], total: 1, page: 1, per_page: 100 };
const secret = "s3cr3t-0123456789abcdef0123456789abcdef";

function webhook(changes: Partial<Webhook> = {}): Webhook {
  return {
    id: 5,
    url: "http://tinhuy.local:8080/kiemdiem",
    events: ["reward.nominated"],
    organization_id: 1,
    active: true,
    created_by: "admin",
    created_at: "2026-11-20T02:00:00Z",
    secret: null,
    ...changes,
  };
}

function delivery(changes: Partial<Delivery> = {}): Delivery {
  return {
    id: 77,
    event: "reward.nominated",
    status: "failed",
    attempts: 5,
    last_status: 503,
    last_error: "Service Unavailable",
    next_attempt_at: "2026-11-20T03:00:00Z",
    delivered_at: null,
    created_at: "2026-11-20T02:00:00Z",
    ...changes,
  };
}

/** Picks `option` in the antd Select labelled `label` inside `container`. */
async function choose(container: HTMLElement, label: string, option: string) {
  await userEvent.click(within(container).getByLabelText(label));
  const options = await screen.findAllByTitle(option);
  await userEvent.click(options.at(-1) as HTMLElement);
}

describe("webhooks", () => {
  it("creates a subscription and shows its secret once", async () => {
    startSession();
    let created = false;
    const api = stubApi({
      "GET /api/v1/organizations": () => json(orgTree),
      "GET /api/v1/webhooks": () => json(created ? [webhook()] : []),
      "POST /api/v1/webhooks": () => {
        created = true;
        return json(webhook({ secret }), 201);
      },
    });
    renderPage(<WebhooksPage />);

    expect(await screen.findByText("Chưa có webhook nào")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: /Thêm webhook/ }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.type(
      within(dialog).getByLabelText("Địa chỉ nhận (URL)"),
      "http://tinhuy.local:8080/kiemdiem",
    );
    await choose(dialog, "Sự kiện", "Có đề nghị khen thưởng (reward.nominated)");
    await choose(dialog, "Tổ chức", "Tỉnh ủy Nghệ An (Tỉnh ủy)");
    await userEvent.type(within(dialog).getByLabelText("Khóa bí mật"), "quá ngắn");
    await userEvent.click(within(dialog).getByRole("button", { name: "Thêm webhook" }));
    expect(
      await within(dialog).findByText("Khóa bí mật phải có ít nhất 32 ký tự"),
    ).toBeInTheDocument();
    expect(api.requests("POST /api/v1/webhooks")).toHaveLength(0);

    await userEvent.clear(within(dialog).getByLabelText("Khóa bí mật"));
    await userEvent.click(within(dialog).getByRole("button", { name: "Thêm webhook" }));

    expect(await screen.findByTestId("webhook-secret")).toHaveTextContent(secret);
    expect(await api.requests("POST /api/v1/webhooks")[0].json()).toEqual({
      url: "http://tinhuy.local:8080/kiemdiem",
      events: ["reward.nominated"],
      organization_id: 1,
      secret: null,
    });
    await userEvent.click(screen.getByRole("button", { name: "Tôi đã lưu khóa" }));

    const table = screen.getByTestId("webhooks");
    expect(await within(table).findByText("http://tinhuy.local:8080/kiemdiem")).toBeInTheDocument();
    expect(within(table).getByText("Có đề nghị khen thưởng")).toBeInTheDocument();
    expect(within(table).getByText("Tỉnh ủy Nghệ An")).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByTestId("webhook-secret")).not.toBeInTheDocument());
    expect(screen.queryByText(secret)).not.toBeInTheDocument();
  });

  it("shows a subscription's deliveries and delivers a failed one again", async () => {
    startSession();
    let redelivered = false;
    const api = stubApi({
      "GET /api/v1/organizations": () => json(orgTree),
      "GET /api/v1/webhooks": () => json([webhook()]),
      "GET /api/v1/webhooks/5/deliveries": (request) =>
        pageJson(request, [
          redelivered
            ? delivery({ status: "pending", next_attempt_at: "2026-11-20T04:00:00Z" })
            : delivery(),
        ]),
      "POST /api/v1/webhooks/deliveries/77/redeliver": () => {
        redelivered = true;
        return json(delivery({ status: "pending" }));
      },
    });
    renderPage(<WebhooksPage />);

    await userEvent.click(await screen.findByRole("button", { name: /Nhật ký gửi/ }));
    const log = await screen.findByTestId("deliveries");
    const row = () => within(log).getByText("Có đề nghị khen thưởng").closest("tr") as HTMLElement;
    await waitFor(() => expect(row()).toBeInTheDocument());
    expect(within(row()).getByText("Thất bại")).toBeInTheDocument();
    expect(row()).toHaveTextContent("503");
    expect(row()).toHaveTextContent("Service Unavailable");
    expect(row()).toHaveTextContent("Gửi lại lúc 20/11/2026 10:00:00");

    await userEvent.click(within(row()).getByRole("button", { name: /Gửi lại/ }));

    expect(await within(log).findByText("Đang chờ")).toBeInTheDocument();
    expect(api.requests("POST /api/v1/webhooks/deliveries/77/redeliver")).toHaveLength(1);
    expect(row()).toHaveTextContent("Gửi lại lúc 20/11/2026 11:00:00");
  });
});
