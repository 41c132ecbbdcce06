import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  board,
  boardRow,
  fullPoints,
  pointsCycle,
  progress,
  ruleSets,
  submitted,
} from "@/features/points-year/testing/fixtures";
import { json, meWith, paged, problem, startSession, stubApi } from "@/testing/api";
import { renderApp } from "@/testing/render-app";

type Handler = (request: Request) => Response | Promise<Response>;

const boardPath = "GET /api/v1/cycles/9/points-board";
const formPath = "/api/v1/cycles/9/members/5/point-assessment";
const appraisePath = `POST ${formPath}/appraisal`;

function committeeApi(extra: Record<string, Handler> = {}) {
  return stubApi({
    "GET /api/v1/auth/me": () => json(meWith("committee", 20, "Đảng bộ Trường Đại học Sư phạm")),
    "GET /api/v1/notifications": paged([]),
    "GET /api/v1/cycles/9": () => json(pointsCycle),
    "GET /api/v1/cycles/9/progress": () => json(progress()),
    "GET /api/v1/rule-sets": () => json(ruleSets()),
    [boardPath]: () => json(board()),
    ...extra,
  });
}

async function openBoard() {
  renderApp("/cycles/9");
  await userEvent.click(await screen.findByRole("tab", { name: "Thẩm định và xếp loại" }));
  return screen.findByTestId("points-board");
}

function rowOf(table: HTMLElement, name: string) {
  return within(table).getByText(name).closest("tr") as HTMLElement;
}

describe("points appraisal tab", () => {
  it("shows everyone's points, level, grounds and quotas; the outstanding quota", async () => {
    startSession();
    const api = committeeApi();
    const table = await openBoard();
    // No branch ballot under a points rule set.
    expect(screen.queryByRole("tab", { name: "Thẩm định" })).not.toBeInTheDocument();
    expect(screen.queryByRole("tab", { name: "Biểu quyết" })).not.toBeInTheDocument();
    // The collectives (C1–C4) beside the members.
    expect(screen.getByRole("tab", { name: "Tập thể" })).toBeInTheDocument();

    const lan = rowOf(table, "Nguyễn Thị Lan");
    expect(lan).toHaveTextContent("Chi bộ Khoa Toán");
    expect(lan).toHaveTextContent("Đã nộp");
    expect(lan).toHaveTextContent("92,5");
    expect(lan).toHaveTextContent("Tự chấm");
    expect(lan).toHaveTextContent("dhsp/F4");
    expect(lan).toHaveTextContent("Hoàn thành xuất sắc nhiệm vụ");
    expect(lan).toHaveTextContent("Xếp loại theo tổng điểm và kết quả thực hiện nhiệm vụ");

    const binh = rowOf(table, "Trần Văn Bình");
    expect(binh).toHaveTextContent("Hoàn thành tốt nhiệm vụ");
    const s7 = within(binh).getByText(
      "Vượt tỷ lệ hoàn thành xuất sắc của nhóm: xuống hoàn thành tốt nhiệm vụ",
    );
    await userEvent.hover(s7);
    expect(await screen.findByRole("tooltip")).toHaveTextContent("S7");

    const cuc = rowOf(table, "Lê Thị Cúc");
    expect(cuc).toHaveTextContent("Chưa xếp loại (chưa nộp phiếu)");
    expect(cuc).toHaveTextContent("Chưa nộp phiếu tự đánh giá: xếp loại sau");
    // Open whatever the year's form: a quarter's may be submitted before it (S9).
    expect(within(cuc).getByText("Thẩm định").closest("button")).toBeEnabled();

    const meter = within(screen.getByTestId("points-quotas")).getByTestId("quota-group-dhsp/F4");
    expect(meter).toHaveTextContent("1/1");
    expect(
      Array.from(meter.querySelectorAll(".ant-descriptions-item-content"), (td) => td.textContent),
    ).toEqual(["5", "1 (20% của G)", "2", "1"]);

    const outstanding = (request: Request) =>
      new URL(request.url).searchParams.get("outstanding");
    expect(outstanding(api.requests(boardPath)[0])).toBe("false");
    await userEvent.click(
      screen.getByRole("switch", {
        name: "Tổ chức có kết quả nổi bật: tỷ lệ hoàn thành xuất sắc 25%",
      }),
    );
    await waitFor(() =>
      expect(api.requests(boardPath).map(outstanding)).toContain("true"),
    );
  });

  it("appraises a submitted form and reads the board again", async () => {
    startSession();
    const api = committeeApi({
      [`GET ${formPath}`]: () => json(submitted()),
      [appraisePath]: () => json(submitted({ status: "appraised" })),
    });
    const table = await openBoard();
    const boardReads = api.requests(boardPath).length;

    await userEvent.click(within(rowOf(table, "Nguyễn Thị Lan")).getByText("Thẩm định"));
    const form = await screen.findByTestId("appraise-form");
    // Prefilled with the member's own points.
    const politics = within(form).getByLabelText("Điểm thẩm định: Tư tưởng chính trị");
    expect(politics).toHaveValue("6,0");
    expect(within(form).getByTestId("sum-total")).toHaveTextContent("Tổng 92,5/100");
    // Only the facts of F4: not the leaders' ones.
    const leaders = "Quá 50% phiếu tín nhiệm thấp khi lấy phiếu trong năm";
    expect(within(form).queryByText(leaders)).not.toBeInTheDocument();
    const discipline = "Bị kỷ luật từ khiển trách trở lên trong năm do vi phạm khi thực thi công vụ";
    // Role queries crawl the whole page in jsdom: the checkboxes are found by their text.
    expect(within(form).getAllByText(discipline)).toHaveLength(1);
    await userEvent.click(within(form).getByText(discipline));
    // Mitigated only among the facts ticked.
    const mitigated = within(form).getAllByText(discipline);
    expect(mitigated).toHaveLength(2);
    await userEvent.click(mitigated[1]);

    await userEvent.click(within(form).getByLabelText("Mức xếp loại đề xuất"));
    await userEvent.click(await screen.findByTitle("Hoàn thành tốt nhiệm vụ"));
    await userEvent.type(within(form).getByLabelText("Ý kiến thẩm định"), "Trừ");
    await userEvent.click(within(form).getByText("Lưu thẩm định"));

    await waitFor(() => expect(api.requests(appraisePath)).toHaveLength(1));
    expect(await api.requests(appraisePath)[0].json()).toEqual({
      appraised_points: fullPoints,
      facts: ["duty_discipline"],
      mitigated: ["duty_discipline"],
      appraised_level: "good",
      note: "Trừ",
    });
    expect(new URL(api.requests(appraisePath)[0].url).searchParams.get("period")).toBe("0");
    await waitFor(() => expect(api.requests(boardPath).length).toBeGreaterThan(boardReads));
    await waitFor(() => expect(screen.queryByTestId("appraise-form")).not.toBeInTheDocument());
  });

  it("appraises a quarter's form (Mẫu 05): the period in the read and the appraisal", async () => {
    startSession();
    const periodOf = (request: Request) => new URL(request.url).searchParams.get("period");
    const forms: Record<string, ReturnType<typeof submitted>> = {
      "0": submitted({ status: "draft" }),
      "1": submitted({ period: 1, status: "appraised", indicated_level: "good" }),
      "2": submitted({ period: 2, self_points: { ...fullPoints, politics: 50 } }),
      "3": submitted({ period: 3, status: "not_started" }),
      "4": submitted({ period: 4, status: "draft" }),
    };
    const api = committeeApi({
      [boardPath]: () =>
        json(
          board({
            rows: [
              boardRow({
                assessment: "draft",
                quarters: ["good"],
                quarter_forms: [
                  { period: 2, assessment: "submitted" },
                  { period: 1, assessment: "appraised" },
                  { period: 4, assessment: "draft" },
                ],
              }),
            ],
          }),
        ),
      [`GET ${formPath}`]: (request) => json(forms[periodOf(request) ?? "0"]),
      [appraisePath]: () => json(submitted({ period: 2, status: "appraised" })),
    });
    const table = await openBoard();
    // Each quarter's form where it stands, in order, and the levels of those assessed.
    const lan = rowOf(table, "Nguyễn Thị Lan");
    expect(
      Array.from(within(lan).getByTestId("quarter-forms").querySelectorAll(".ant-tag"), (tag) =>
        tag.textContent,
      ),
    ).toEqual(["Q1: Đã thẩm định", "Q2: Đã nộp", "Q4: Bản nháp"]);
    await userEvent.hover(within(lan).getByText("Q2: Đã nộp"));
    expect(await screen.findByRole("tooltip")).toHaveTextContent("Quý 2 (Mẫu 05)");
    expect(within(lan).getByTestId("quarter-levels")).toHaveTextContent("Hoàn thành tốt nhiệm vụ");

    await userEvent.click(within(rowOf(table, "Nguyễn Thị Lan")).getByText("Thẩm định"));
    const choice = await screen.findByTestId("appraise-period");
    // Each period with its form's status; the year's not submitted yet.
    await waitFor(() =>
      expect(within(choice).getByTestId("appraise-period-2")).toHaveTextContent("Quý 2Đã nộp"),
    );
    expect(within(choice).getByTestId("appraise-period-0")).toHaveTextContent("NămBản nháp");
    expect(within(choice).getByTestId("appraise-period-1")).toHaveTextContent("Quý 1Đã thẩm định");
    expect(within(choice).getByTestId("appraise-period-3")).toHaveTextContent("Chưa bắt đầu");
    expect(await screen.findByText("Đảng viên chưa nộp phiếu: chưa thẩm định được.")).toBeVisible();
    expect(screen.queryByTestId("appraise-form")).not.toBeInTheDocument();
    // Quarters not submitted cannot be chosen.
    const option = (period: number) =>
      within(choice).getByTestId(`appraise-period-${period}`).closest(".ant-segmented-item")!;
    expect(option(3)).toHaveClass("ant-segmented-item-disabled");
    expect(option(4)).toHaveClass("ant-segmented-item-disabled");
    expect(option(2)).not.toHaveClass("ant-segmented-item-disabled");
    expect(api.requests(`GET ${formPath}`).map(periodOf).sort()).toEqual(["0", "1", "2", "3", "4"]);

    await userEvent.click(within(choice).getByText("Quý 2"));
    const form = await screen.findByTestId("appraise-form");
    // Prefilled with the quarter's own points.
    expect(within(form).getByLabelText("Điểm thẩm định: Tư tưởng chính trị")).toHaveValue("5,0");
    await userEvent.click(within(form).getByText("Lưu thẩm định"));

    await waitFor(() => expect(api.requests(appraisePath)).toHaveLength(1));
    expect(periodOf(api.requests(appraisePath)[0])).toBe("2");
    expect(await api.requests(appraisePath)[0].json()).toMatchObject({
      appraised_points: { ...fullPoints, politics: 50 },
    });
    await waitFor(() => expect(screen.queryByTestId("appraise-form")).not.toBeInTheDocument());
  });

  it("shows the appraisal's errors on their fields", async () => {
    startSession();
    committeeApi({
      [boardPath]: () => json(board({ rows: [boardRow()] })),
      [`GET ${formPath}`]: () => json(submitted({ facts: ["duty_discipline"] })),
      [appraisePath]: () =>
        problem(422, "validation", "Dữ liệu không hợp lệ", [
          { field: "appraised_points.politics", code: "over_maximum", message: "Tối đa 60" },
          { field: "mitigated[0]", code: "not_a_fact", message: "Không nằm trong các sự việc" },
        ]),
    });
    const table = await openBoard();
    await userEvent.click(within(rowOf(table, "Nguyễn Thị Lan")).getByText("Thẩm định"));
    const form = await screen.findByTestId("appraise-form");
    await userEvent.click(within(form).getByText("Lưu thẩm định"));

    expect(await within(form).findByText("Tối đa 60")).toBeInTheDocument();
    expect(within(form).getByText("Không nằm trong các sự việc")).toBeInTheDocument();
    const politics = within(form).getByLabelText("Điểm thẩm định: Tư tưởng chính trị");
    expect(politics.closest(".ant-form-item")).toHaveTextContent("Tối đa 60");
  });
});
