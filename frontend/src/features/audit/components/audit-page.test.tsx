import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { AuditPage } from "@/features/audit/components/audit-page";
import { json, startSession, stubApi } from "@/testing/api";
import { renderPage } from "@/testing/render-page";

const entry = (id: number, action: string, entityType: string) => ({
  id,
  action,
  entity_type: entityType,
  actor: "bithu.chibo1",
  actor_user_id: 7,
  entity_id: String(id),
  occurred_at: "2026-12-05T02:30:00Z",
  client_addr: null,
  request_id: null,
});

describe("audit log", () => {
  it("names actions and objects in Vietnamese, an unknown one by its code", async () => {
    startSession();
    stubApi({
      "GET /api/v1/audit": () =>
        json({
          items: [
            entry(1, "finalize", "voting_session"),
            entry(2, "submit", "self_review"),
            entry(3, "teleport", "spaceship"),
          ],
          page: 1,
          per_page: 50,
          total: 3,
        }),
    });
    renderPage(<AuditPage />);

    const finalize = (await screen.findByText("Chốt kết quả")).closest("tr") as HTMLElement;
    expect(within(finalize).getByText("Phiên bỏ phiếu")).toBeInTheDocument();
    const submit = screen.getByText("Bản tự kiểm điểm").closest("tr") as HTMLElement;
    expect(within(submit).getByText("Nộp")).toBeInTheDocument();
    expect(screen.getByText("teleport")).toBeInTheDocument();
    expect(screen.getByText("spaceship")).toBeInTheDocument();
    expect(screen.queryByText("finalize")).not.toBeInTheDocument();
    expect(screen.queryByText("voting_session")).not.toBeInTheDocument();
  });
});
