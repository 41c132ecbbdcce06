import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { json, meWith, startSession, stubApi } from "@/testing/api";
import { renderApp } from "@/testing/render-app";

describe("the bell", () => {
  it("counts what is due and leads to the page where it is done (issue #17)", async () => {
    startSession();
    stubApi({
      "GET /api/v1/auth/me": () =>
        json(meWith("feedback_provider", 30, "Chi bộ Khoa Toán", "Công đoàn Khoa Toán")),
      "GET /api/v1/notifications": () =>
        json([
          {
            kind: "feedback_due",
            cycle_id: 9,
            message: "Cần cho ý kiến về đảng viên Nguyễn Thị Lan trước ngày 20/11/2026",
            due_on: "2026-11-20",
            overdue: true,
            route: "/feedback",
          },
        ]),
      "GET /api/v1/feedback-requests": () => json([]),
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
});
