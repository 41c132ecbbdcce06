import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  counts,
  cycle,
  member,
  memberPage,
  selfReview,
} from "@/features/cycles/testing/fixtures";
import { json, meWith, startSession, stubApi } from "@/testing/api";
import { renderApp } from "@/testing/render-app";

const branchRow = {
  organization_id: 30,
  name: "Chi bộ Khoa Toán",
  kind: "branch",
  ...counts({
    members: 12,
    self_reviews_accepted: 4,
    self_reviews_submitted: 3,
    self_reviews_missing: 5,
    self_reviews_overdue: 2,
    civil_servants: 10,
    professional_ratings: 6,
    feedback_requested: 8,
    feedback_returned: 5,
  }),
};

function cycleApi(extra: Record<string, (r: Request) => Response> = {}) {
  return stubApi({
    "GET /api/v1/auth/me": () => json(meWith("branch_committee", 30, "Chi bộ Khoa Toán")),
    "GET /api/v1/notifications": () => json([]),
    "GET /api/v1/cycles/9": () => json(cycle),
    "GET /api/v1/cycles/9/progress": () =>
      json({
        cycle_id: 9,
        as_of: "2026-11-20",
        self_reviews_due: "2026-11-09",
        branches: [branchRow],
        bases: [],
        total: counts({ members: 12, self_reviews_accepted: 4, self_reviews_overdue: 2 }),
      }),
    ...extra,
  });
}

describe("cycle page", () => {
  it("shows each branch's counts, the overdue in red, and the totals", async () => {
    startSession();
    cycleApi();
    renderApp("/cycles/9");

    const table = await screen.findByTestId("progress-table");
    const row = (await within(table).findByText("Chi bộ Khoa Toán")).closest("tr") as HTMLElement;
    const cells = within(row).getAllByRole("cell").map((cell) => cell.textContent);
    // Name, members, not begun, draft, submitted, returned, accepted, overdue, ratings, feedback.
    expect(cells).toEqual(["Chi bộ Khoa Toán", "12", "5", "0", "3", "0", "4", "2", "6/10", "5/8"]);
    expect(within(row).getByText("2").closest("[data-overdue]")).not.toBeNull();
    const total = within(table).getByText("Tổng cộng").closest("tr") as HTMLElement;
    expect(within(total).getAllByRole("cell")[1]).toHaveTextContent("12");
    expect(screen.getByText("Hạn nộp bản tự kiểm điểm: 09/11/2026", { exact: false })).toBeInTheDocument();
    // A branch committee does not run the cycle.
    expect(screen.queryByRole("button", { name: /Chuyển sang/ })).not.toBeInTheDocument();
  });

  it("lets the branch committee accept a submitted self-review", async () => {
    startSession();
    const acceptPath = "/api/v1/cycles/9/members/5/self-review/accept";
    const api = cycleApi({
      "GET /api/v1/members": () => memberPage([member(5, "Nguyễn Thị Lan")]),
      "GET /api/v1/cycles/9/self-reviews": () =>
        json([
          {
            member_id: 5,
            member_name: "Nguyễn Thị Lan",
            status: "submitted",
            on_behalf: false,
            version: 2,
          },
        ]),
      "GET /api/v1/cycles/9/professional-ratings": () => json([]),
      "GET /api/v1/cycles/9/members/5/self-review": () =>
        json(
          selfReview({
            status: "submitted",
            version: 2,
            content: { political_ideology: "Kiên định", self_assessed_level: "good" },
          }),
        ),
      [`POST ${acceptPath}`]: () => json(selfReview({ status: "accepted", version: 2 })),
    });
    renderApp("/cycles/9");

    await userEvent.click(await screen.findByRole("tab", { name: "Chi bộ" }));
    const board = await screen.findByTestId("branch-board");
    const row = (await within(board).findByText("Nguyễn Thị Lan")).closest("tr") as HTMLElement;
    expect(await within(row).findByText("Đã nộp")).toBeInTheDocument();
    await userEvent.click(within(row).getByText("Xem"));

    const status = await screen.findByTestId("drawer-status");
    const drawer = status.closest(".ant-drawer") as HTMLElement;
    expect(await within(drawer).findByText("Kiên định")).toBeInTheDocument();
    await userEvent.click(within(drawer).getByText("Chấp nhận"));

    await waitFor(() => expect(api.requests(`POST ${acceptPath}`)).toHaveLength(1));
    // The branch's members are asked for by the branch.
    const [list] = api.requests("GET /api/v1/members");
    expect(new URL(list.url).searchParams.get("organization_id")).toBe("30");
  });
});
