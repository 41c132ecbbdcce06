import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Phase, Progress } from "@/features/cycles/api/cycles";
import { PlanProgress } from "@/features/cycles/components/plan-progress";
import { PlanProgressTip } from "@/features/cycles/components/plan-progress-chart";
import { counts, planPhase, planProgress } from "@/features/cycles/testing/fixtures";
import { renderPage } from "@/testing/render-page";

const phase = planPhase;

const phases: Phase[] = [
  phase(1, "self_reviews", "2026-11-09"),
  phase(2, "key_cadre_meeting", "2026-11-18"),
  phase(3, "workplace_feedback", "2026-11-16"),
  phase(4, "branch_meetings", "2026-11-16"),
];

function progress(changes: Parameters<typeof counts>[0]): Progress {
  return planProgress("2026-11-17", changes);
}

const underWay = progress({
  members: 12,
  self_reviews_submitted: 3,
  self_reviews_accepted: 4,
  civil_servants: 10,
  professional_ratings: 10,
  feedback_requested: 8,
  feedback_returned: 5,
});

function cellsOf(table: HTMLElement, work: string): (string | null)[] {
  const row = within(table).getByText(work).closest("tr") as HTMLElement;
  return within(row)
    .getAllByRole("cell")
    .map((cell) => cell.textContent);
}

describe("plan progress", () => {
  // The 17th in Vietnam: the self-reviews' deadline has passed, the feedback's has not.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-17T03:00:00Z"));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it("draws a bar per work, coloured by status, with a table of the figures", async () => {
    // recharts sizes the chart to its container, which jsdom lays out as 0 wide.
    vi.spyOn(HTMLElement.prototype, "clientWidth", "get").mockReturnValue(640);
    vi.spyOn(HTMLElement.prototype, "clientHeight", "get").mockReturnValue(156);
    renderPage(<PlanProgress progress={underWay} phases={phases} />);

    const plan = await screen.findByTestId("plan-progress");
    expect(within(plan).getByText("Tiến độ so với kế hoạch")).toBeInTheDocument();
    // The chart is an image that says what it shows, whether or not recharts has loaded yet…
    expect(
      within(plan).getByRole("img", {
        name:
          "Biểu đồ tiến độ so với kế hoạch. " +
          "Nộp bản tự kiểm điểm: 7/12 (58%), hạn 09/11/2026, Quá hạn, còn thiếu 5; " +
          "Xếp loại chuyên môn (công chức, viên chức): 10/10 (100%), hạn 16/11/2026, Hoàn thành; " +
          "Trả lời lấy ý kiến góp ý: 5/8 (62%), hạn 18/11/2026, Đúng tiến độ",
      }),
    ).toBeInTheDocument();

    // …and the table beside it has every figure, by deadline.
    const table = within(plan).getByTestId("plan-progress-table");
    const headers = within(table)
      .getAllByRole("columnheader")
      .map((header) => header.textContent);
    expect(headers).toEqual(["Công việc", "Đã thực hiện", "Thời hạn", "Tình trạng"]);
    expect(cellsOf(table, "Nộp bản tự kiểm điểm")).toEqual([
      "Nộp bản tự kiểm điểm",
      "7/12 (58%)4 bản đã được chấp nhận",
      "Hạn 09/11/2026",
      "Quá hạn, còn thiếu 5",
    ]);
    expect(cellsOf(table, "Xếp loại chuyên môn (công chức, viên chức)")).toEqual([
      "Xếp loại chuyên môn (công chức, viên chức)",
      "10/10 (100%)",
      "Hạn 16/11/2026",
      "Hoàn thành",
    ]);
    expect(cellsOf(table, "Trả lời lấy ý kiến góp ý")).toEqual([
      "Trả lời lấy ý kiến góp ý",
      "5/8 (62%)",
      "Hạn 18/11/2026",
      "Đúng tiến độ",
    ]);
    expect(within(table).getByText("Quá hạn, còn thiếu 5").closest(".ant-tag")).toHaveClass(
      "ant-tag-error",
    );

    // The chart, once loaded: one bar per work, red overdue, green done, blue on track.
    const chart = within(plan).getByTestId("plan-progress-chart");
    await waitFor(() =>
      expect(chart.querySelectorAll(".recharts-bar-rectangle path")).toHaveLength(3),
    );
    const fills = [...chart.querySelectorAll(".recharts-bar-rectangle path")].map((bar) =>
      bar.getAttribute("fill"),
    );
    expect(fills).toEqual(["#cf1322", "#389e0d", "#1677ff"]);
  });

  it("shows a work's figures in words on hovering its bar", async () => {
    renderPage(
      <PlanProgressTip
        row={{
          work: "self_reviews",
          done: 7,
          whole: 12,
          missing: 5,
          percent: 58,
          accepted: 4,
          deadline: "09/11/2026",
          status: "overdue",
        }}
      />,
    );

    const tip = await screen.findByTestId("plan-progress-tip");
    expect(tip).toHaveTextContent("Nộp bản tự kiểm điểm");
    expect(tip).toHaveTextContent("7/12 (58%)");
    expect(tip).toHaveTextContent("Hạn 09/11/2026");
    expect(tip).toHaveTextContent("Quá hạn, còn thiếu 5");
    expect(tip).toHaveTextContent("4 bản đã được chấp nhận");
  });

  it("says so when no phase of the plan has work to measure", async () => {
    renderPage(<PlanProgress progress={progress({ members: 0 })} phases={phases} />);

    const plan = await screen.findByTestId("plan-progress");
    expect(
      within(plan).getByText("Kế hoạch chưa có giai đoạn nào có việc để đo tiến độ"),
    ).toBeInTheDocument();
    expect(within(plan).queryByRole("img")).not.toBeInTheDocument();
  });
});
