import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { AgendaList } from "@/features/agenda/components/agenda-list";
import { json, problem, startSession, stubApi } from "@/testing/api";
import { renderPage } from "@/testing/render-page";

const item = (changes: Record<string, unknown>) => ({
  cycle_id: 9,
  year: 2026,
  subject: { kind: "self_review", id: 5, name: "Nguyễn Văn An" },
  due_on: "2026-11-20",
  late: false,
  route: "/my-review",
  ...changes,
});

describe("the agenda", () => {
  it("names each item's action by kind, the late first, each leading to its page", async () => {
    startSession();
    stubApi({
      "GET /api/v1/me/agenda": () =>
        json({
          late: 1,
          items: [
            item({
              kind: "self_review_due",
              message: "Viết và nộp bản tự kiểm điểm năm 2026 trước ngày 20/11/2026",
            }),
            item({
              kind: "self_reviews_waiting",
              message: "2 bản tự kiểm điểm của Chi bộ Khoa Toán chờ chi ủy nhận xét",
              subject: { kind: "cycle", id: 9, name: "Chi bộ Khoa Toán" },
              route: "/cycles/9",
              due_on: null,
            }),
            item({
              kind: "tally_due",
              message: "Nhập kết quả kiểm phiếu của Chi bộ Khoa Toán",
              subject: { kind: "voting_session", id: 3, name: "Chi bộ Khoa Toán" },
              route: "/voting-sessions/3",
              due_on: "2026-11-01",
              late: true,
            }),
          ],
        }),
    });
    renderPage(<AgendaList />);

    const items = await screen.findAllByTestId("agenda-item");
    expect(items.map((entry) => entry.dataset.kind)).toEqual([
      "tally_due",
      "self_review_due",
      "self_reviews_waiting",
    ]);
    // The late one: a red tag and its date.
    expect(within(items[0]).getByText("Quá hạn")).toBeInTheDocument();
    expect(within(items[0]).getByText("Hạn 01/11/2026")).toBeInTheDocument();
    expect(within(items[0]).getByRole("link", { name: /Nhập kết quả kiểm phiếu/ })).toHaveAttribute(
      "href",
      "/voting-sessions/3",
    );
    expect(screen.getByText("1 việc quá hạn")).toBeInTheDocument();

    expect(within(items[1]).queryByText("Quá hạn")).not.toBeInTheDocument();
    expect(within(items[1]).getByRole("link", { name: /Viết bản tự kiểm điểm/ })).toHaveAttribute(
      "href",
      "/my-review",
    );
    expect(
      within(items[1]).getByText("Viết và nộp bản tự kiểm điểm năm 2026 trước ngày 20/11/2026"),
    ).toBeInTheDocument();
    expect(within(items[1]).getByText("Hạn 20/11/2026")).toBeInTheDocument();

    expect(
      within(items[2]).getByRole("link", { name: /Nhận xét bản tự kiểm điểm/ }),
    ).toHaveAttribute("href", "/cycles/9");
    expect(within(items[2]).queryByText(/^Hạn/)).not.toBeInTheDocument();
  });

  it("says when there is nothing to do", async () => {
    startSession();
    stubApi({ "GET /api/v1/me/agenda": () => json({ late: 0, items: [] }) });
    renderPage(<AgendaList />);

    expect(await screen.findByText("Không có việc nào cần làm")).toBeInTheDocument();
    expect(screen.queryByTestId("agenda-item")).not.toBeInTheDocument();
  });

  it("shows the server's refusal", async () => {
    startSession();
    stubApi({
      "GET /api/v1/me/agenda": () => problem(500, "internal", "Máy chủ gặp sự cố"),
    });
    renderPage(<AgendaList />);

    expect(await screen.findByRole("alert")).toHaveTextContent("Máy chủ gặp sự cố");
  });
});
