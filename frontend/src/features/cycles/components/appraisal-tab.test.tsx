import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { components } from "@/api/schema";
import { counts as progressCounts, cycle } from "@/features/cycles/testing/fixtures";
import {
  resultRecord,
  sessionSummary,
  votingSession,
} from "@/features/cycles/testing/voting-fixtures";
import { json, meWith, paged, problem, startSession, stubApi } from "@/testing/api";
import { renderApp } from "@/testing/render-app";

type Appraisal = components["schemas"]["Appraisal"];
type Handler = (request: Request) => Response | Promise<Response>;

const levelCounts = {
  members: 8,
  excellent: 1,
  good: 6,
  completed: 1,
  not_completed: 0,
  pending: 0,
  not_classified: 0,
  unresolved: 0,
  not_voted: 0,
};

const appraisal: Appraisal = {
  cycle_id: 9,
  branches: [
    {
      branch_id: 30,
      name: "Chi bộ Khoa Toán",
      sessions: [sessionSummary({ status: "finalized" })],
      ...levelCounts,
    },
  ],
  total: levelCounts,
  quota: { percent: 15, counted: 7, excellent: 2, exceeded: true },
  warnings: [],
};

const appraisePath = "POST /api/v1/voting-sessions/41/appraisal";

function appraisalApi(extra: Record<string, Handler> = {}) {
  return stubApi({
    "GET /api/v1/auth/me": () => json(meWith("committee", 20, "Đảng bộ Trường Đại học Sư phạm")),
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
        total: progressCounts(),
      }),
    "GET /api/v1/cycles/9/appraisal": () => json(appraisal),
    ...extra,
  });
}

async function openTab() {
  renderApp("/cycles/9");
  await userEvent.click(await screen.findByRole("tab", { name: "Thẩm định" }));
  return screen.findByTestId("appraisal-table");
}

describe("appraisal tab", () => {
  it("shows the counts per level and Q5, and approves a finalized proposal", async () => {
    startSession();
    const api = appraisalApi({
      [appraisePath]: () => json(sessionSummary({ status: "approved" })),
    });
    const table = await openTab();
    expect(screen.getByTestId("q5-warning")).toHaveTextContent(
      "Q5: tỷ lệ hoàn thành xuất sắc toàn đảng bộ vượt 15% (2/7)",
    );
    const row = within(table).getByText("Chi bộ Khoa Toán").closest("tr") as HTMLElement;
    expect(within(row).getByText("Đã chốt, chờ thẩm định")).toBeInTheDocument();
    expect(Array.from(row.querySelectorAll("td"), (cell) => cell.textContent)).toEqual(
      expect.arrayContaining(["8", "1", "6"]),
    );

// Role queries crawl the whole table in jsdom: the buttons are found by their text.
    await userEvent.click(within(row).getByText("Duyệt"));
    const dialog = await screen.findByRole("dialog");
    expect(dialog).toHaveTextContent("Duyệt đề xuất xếp loại của Chi bộ Khoa Toán?");
    await userEvent.click(within(dialog).getByRole("button", { name: "Duyệt" }));
    await waitFor(() => expect(api.requests(appraisePath)).toHaveLength(1));
    expect(await api.requests(appraisePath)[0].json()).toEqual({ decision: "approve" });
  });

  it("returns a proposal only with a comment", async () => {
    startSession();
    const api = appraisalApi({
      [appraisePath]: () => json(sessionSummary({ status: "returned" })),
    });
    const table = await openTab();

    await userEvent.click(within(table).getByText("Trả lại"));
    const dialog = await screen.findByRole("dialog");
    await userEvent.click(within(dialog).getByRole("button", { name: "Trả lại" }));
    expect(await within(dialog).findByText("Hãy ghi lý do trả lại")).toBeInTheDocument();
    expect(api.requests(appraisePath)).toHaveLength(0);

    await userEvent.type(
      within(dialog).getByLabelText("Ý kiến"),
      "Chưa đối chiếu biên bản kiểm phiếu",
    );
    await userEvent.click(within(dialog).getByRole("button", { name: "Trả lại" }));
    await waitFor(() => expect(api.requests(appraisePath)).toHaveLength(1));
    expect(await api.requests(appraisePath)[0].json()).toEqual({
      decision: "return",
      comment: "Chưa đối chiếu biên bản kiểm phiếu",
    });
  });

  it("opens a member's history and reclassifies with a reason", async () => {
    startSession();
    const reclassifyPath = "POST /api/v1/cycles/9/members/2/classification/reclassify";
    const forbidden = "M8: đảng viên bị kỷ luật trong năm không được xếp loại hoàn thành xuất sắc";
    const api: ReturnType<typeof appraisalApi> = appraisalApi({
      "GET /api/v1/voting-sessions/41": () =>
        json(votingSession({ status: "approved", results: [resultRecord({ state: "approved" })] })),
      "GET /api/v1/cycles/9/members/2/classification": () =>
        json([resultRecord({ state: "approved" })]),
      [reclassifyPath]: () =>
        api.requests(reclassifyPath).length === 1
          ? problem(409, "nothing_to_cancel", "Không có kết quả đã duyệt để hủy")
          : problem(409, "reclassification_forbidden", forbidden),
    });
    const table = await openTab();

    await userEvent.click(table.querySelector(".ant-table-row-expand-icon") as HTMLElement);
    const results = await screen.findByTestId("voting-results");
    await userEvent.click(within(results).getByText("Trần Thị Bình"));
    const drawer = await screen.findByTestId("member-results");
    expect(await within(drawer).findByText("Đã duyệt")).toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "Xếp loại lại" }));
    const form = await screen.findByTestId("reclassify-form");
    await userEvent.type(within(form).getByLabelText("Lý do"), "sai");
    await userEvent.click(within(form).getByRole("button", { name: "Xếp loại lại" }));
    expect(await within(form).findByText("Ít nhất 5 ký tự")).toBeInTheDocument();
    expect(api.requests(reclassifyPath)).toHaveLength(0);

    await userEvent.click(within(form).getByLabelText("Mức xếp loại"));
    await userEvent.click(await screen.findByTitle("Hoàn thành xuất sắc nhiệm vụ"));
    await userEvent.type(within(form).getByLabelText("Lý do"), " số phiếu");
    await userEvent.click(within(form).getByRole("button", { name: "Xếp loại lại" }));
    await waitFor(() => expect(api.requests(reclassifyPath)).toHaveLength(1));
    expect(await api.requests(reclassifyPath)[0].json()).toEqual({
      level: "excellent",
      reason: "sai số phiếu",
    });
    expect(await within(form).findByText("Không có kết quả đã duyệt để hủy")).toBeInTheDocument();

    // The engine's gates (M8–M11) and quotas refuse with the rule in the problem's detail.
    await userEvent.click(within(form).getByRole("button", { name: "Xếp loại lại" }));
    expect(await within(form).findByText(forbidden)).toBeInTheDocument();
  });

  it("shows the base-wide quota warning (Q5) after a re-classification", async () => {
    startSession();
    const reclassifyPath = "POST /api/v1/cycles/9/members/2/classification/reclassify";
    const q5 = "Q5: 3 đảng viên xuất sắc, vượt 15% của 14 đảng viên được tính trên toàn đảng bộ";
    appraisalApi({
      "GET /api/v1/voting-sessions/41": () =>
        json(votingSession({ status: "approved", results: [resultRecord({ state: "approved" })] })),
      "GET /api/v1/cycles/9/members/2/classification": () =>
        json([resultRecord({ state: "approved" })]),
      [reclassifyPath]: () =>
        json({ ...resultRecord({ state: "approved", level: "excellent" }), warnings: [q5] }),
    });
    const table = await openTab();
    await userEvent.click(table.querySelector(".ant-table-row-expand-icon") as HTMLElement);
    const results = await screen.findByTestId("voting-results");
    await userEvent.click(within(results).getByText("Trần Thị Bình"));
    await screen.findByTestId("member-results");
    await userEvent.click(screen.getByRole("button", { name: "Xếp loại lại" }));
    const form = await screen.findByTestId("reclassify-form");
    await userEvent.click(within(form).getByLabelText("Mức xếp loại"));
    await userEvent.click(await screen.findByTitle("Hoàn thành xuất sắc nhiệm vụ"));
    await userEvent.type(within(form).getByLabelText("Lý do"), "Bổ sung thành tích");
    await userEvent.click(within(form).getByRole("button", { name: "Xếp loại lại" }));
    expect(await screen.findByText(q5)).toBeInTheDocument();
  });
});
