import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { json, meWith, paged, startSession, stubApi } from "@/testing/api";
import { renderApp } from "@/testing/render-app";

const due = {
  kind: "feedback_due",
  cycle_id: 9,
  message: "Cần cho ý kiến về đảng viên Nguyễn Thị Lan trước ngày 20/11/2026",
  due_on: "2026-11-20",
  overdue: true,
  route: "/feedback",
};

describe("the bell", () => {
  it("counts what is due and leads to the page where it is done (issue #17)", async () => {
    startSession();
    stubApi({
      "GET /api/v1/auth/me": () =>
        json(meWith("feedback_provider", 30, "Chi bộ Khoa Toán", "Công đoàn Khoa Toán")),
      "GET /api/v1/notifications": paged([due]),
      "GET /api/v1/feedback-requests": paged([]),
      "GET /api/v1/me/agenda": () => json({ late: 0, items: [] }),
    });
    renderApp("/");

    const bell = await screen.findByRole("button", { name: "Thông báo" });
    await waitFor(() => expect(bell.closest(".ant-badge")?.textContent).toContain("1"));
    fireEvent.click(bell);
    fireEvent.click(
      await screen.findByText("Cần cho ý kiến về đảng viên Nguyễn Thị Lan trước ngày 20/11/2026"),
    );

    // The provider's inbox.
    expect(await screen.findByTestId("feedback-inbox")).toBeInTheDocument();
  });

  it("counts everything due, not only the first page it lists", async () => {
    startSession();
    const api = stubApi({
      "GET /api/v1/auth/me": () =>
        json(meWith("feedback_provider", 30, "Chi bộ Khoa Toán", "Công đoàn Khoa Toán")),
      // The server's first page: 50 of the 57 due (one shown here for brevity).
      "GET /api/v1/notifications": () => json({ items: [due], total: 57, page: 1, per_page: 50 }),
      "GET /api/v1/me/agenda": () => json({ late: 0, items: [] }),
    });
    renderApp("/");

    const bell = await screen.findByRole("button", { name: "Thông báo" });
    await waitFor(() => expect(bell.closest(".ant-badge")?.textContent).toContain("57"));
    const [asked] = api.requests("GET /api/v1/notifications");
    expect(new URL(asked.url).searchParams.get("per_page")).toBe("50");
    fireEvent.click(bell);
    expect(await screen.findByText("Đang hiển thị 1/57 thông báo")).toBeInTheDocument();
  });
});
