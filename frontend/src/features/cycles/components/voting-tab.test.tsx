import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { counts, cycle } from "@/features/cycles/testing/fixtures";
import { sessionSummary, votingSession } from "@/features/cycles/testing/voting-fixtures";
import { toApiDay, todayInVietnam } from "@/lib/format";
import { json, meWith, paged, problem, startSession, stubApi } from "@/testing/api";
import { renderApp } from "@/testing/render-app";

const openPath = "POST /api/v1/cycles/9/voting-sessions";

function votingApi(open: () => Response) {
  return stubApi({
    "GET /api/v1/auth/me": () => json(meWith("branch_committee", 30, "Chi bộ Khoa Toán")),
    "GET /api/v1/notifications": paged([]),
    "GET /api/v1/cycles/9": () => json(cycle),
    "GET /api/v1/cycles/9/progress": () =>
      json({
        cycle_id: 9,
        as_of: "2026-11-20",
        self_reviews_due: "2026-11-09",
        branches: [],
        bases: [],
        districts: [],
        total: counts(),
      }),
    "GET /api/v1/cycles/9/voting-sessions": paged([
      sessionSummary({ id: 40, status: "approved", held_on: "2026-12-01" }),
    ]),
    "GET /api/v1/organizations": () =>
      json({
        items: [
          {
            id: 30,
            kind: "branch",
            code: "CBTOAN",
            name: "Chi bộ Khoa Toán",
            parent_id: 20,
            ancestor_ids: [20],
            created_at: "2026-01-01T00:00:00Z",
            updated_at: "2026-01-01T00:00:00Z",
          },
          {
            id: 31,
            kind: "branch",
            code: "CBLY",
            name: "Chi bộ Khoa Lý",
            parent_id: 20,
            ancestor_ids: [20],
            created_at: "2026-01-01T00:00:00Z",
            updated_at: "2026-01-01T00:00:00Z",
          },
        ],
        page: 1,
        per_page: 500,
        total: 2,
      }),
    [openPath]: open,
    "GET /api/v1/voting-sessions/41": () => json(votingSession()),
  });
}

async function openForm() {
  renderApp("/cycles/9");
  await userEvent.click(await screen.findByRole("tab", { name: "Bỏ phiếu" }));
  const sessions = await screen.findByTestId("voting-sessions");
  expect(within(sessions).getByText("01/12/2026")).toBeInTheDocument();
  expect(within(sessions).getByText("Đã duyệt")).toBeInTheDocument();
  await userEvent.click(screen.getByRole("button", { name: /Mở phiên bỏ phiếu/ }));
  const dialog = await screen.findByRole("dialog");
  // Only the branch the user runs is offered.
  await userEvent.click(within(dialog).getByLabelText("Chi bộ"));
  expect(screen.queryByTitle("Chi bộ Khoa Lý")).not.toBeInTheDocument();
  await userEvent.click(await screen.findByTitle("Chi bộ Khoa Toán"));
  return dialog;
}

describe("voting tab", () => {
  it("opens a paper session for the user's branch and goes to it", async () => {
    startSession();
    const api = votingApi(() => json(votingSession(), 201));
    const dialog = await openForm();
    await userEvent.click(within(dialog).getByRole("button", { name: "Mở phiên bỏ phiếu" }));

    await waitFor(() => expect(api.requests(openPath)).toHaveLength(1));
    expect(await api.requests(openPath)[0].json()).toEqual({
      branch_id: 30,
      mode: "paper_tally",
      kind: "regular",
      held_on: toApiDay(todayInVietnam()),
      outstanding_unit: false,
    });
    expect(
      await screen.findByRole("heading", { name: "Phiên bỏ phiếu — Chi bộ Khoa Toán" }),
    ).toBeInTheDocument();
  });

  it("shows why a session cannot be opened", async () => {
    startSession();
    votingApi(() => problem(409, "session_open", "Chi bộ đang có phiên bỏ phiếu chưa kết thúc"));
    const dialog = await openForm();
    await userEvent.click(within(dialog).getByRole("button", { name: "Mở phiên bỏ phiếu" }));
    expect(
      await within(dialog).findByText("Chi bộ đang có phiên bỏ phiếu chưa kết thúc"),
    ).toBeInTheDocument();
  });
});
