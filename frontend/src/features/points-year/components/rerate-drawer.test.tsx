import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { PointAssessment, PointsBoard } from "@/features/points-year/api/points";
import { PointsAppraisalTab } from "@/features/points-year/components/points-appraisal-tab";
import {
  decided,
  decidedBoard,
  fullPoints,
  pointsCycle,
  ruleSets,
} from "@/features/points-year/testing/fixtures";
import { json, problem, stubApi } from "@/testing/api";
import { attachment, captureDownloads, formatOf } from "@/testing/download";
import { renderPage } from "@/testing/render-page";
import { openSelect } from "@/testing/select";

type Handler = (request: Request) => Response | Promise<Response>;

const boardPath = "GET /api/v1/cycles/9/points-board";
const formOf = (id: number) => `/api/v1/cycles/9/members/${id}/point-assessment`;
const reratePath = "POST /api/v1/cycles/9/members/5/points-rerating";

/** Nguyễn Thị Lan's form as decided: excellent after a tie (S7-tie, S10), appraised. */
const lanDecided = decided(
  { reasons: ["S5", "S7-tie", "S10"], reason: "Có sáng kiến được áp dụng toàn trường" },
  { appraised_points: { ...fullPoints, duties: 350 }, appraised_total: 895 },
);

/** Her form once re-rated: good (S7, S10), the new reason, marked re-rated. */
const lanRerated: PointAssessment = {
  ...lanDecided,
  decision: {
    ...lanDecided.decision!,
    level: "good",
    reasons: ["S5", "S7", "S10"],
    reason: "Kết luận của Ủy ban Kiểm tra",
    rerated: true,
  },
};

/**
 * The tab of `decidedBoard()`: Lan's form decided; once `rerate` answers 200 her row and form
 * are the re-rated ones. The others decided with S10 are not re-rated.
 */
function rerateApi(rerate: Handler) {
  let rerated = false;
  const board = (): PointsBoard => {
    const before = decidedBoard();
    if (!rerated) return before;
    const rows = before.rows.map((row) =>
      row.member_id === 5
        ? {
            ...row,
            level: "good",
            reasons: ["S5", "S7", "S10"],
            decision_reason: "Kết luận",
            rerated: true,
          }
        : row,
    );
    return { ...before, rows };
  };
  return stubApi({
    "GET /api/v1/rule-sets": () => json(ruleSets()),
    [boardPath]: () => json(board()),
    [`GET ${formOf(5)}`]: () => json(rerated ? lanRerated : lanDecided),
    [`GET ${formOf(6)}`]: () => json(decided()),
    [`GET ${formOf(8)}`]: () => json(decided()),
    [reratePath]: async (request) => {
      const response = await rerate(request);
      rerated = response.ok;
      return response;
    },
    "GET /api/v1/cycles/9/members/5/points-rerating/document": (request) =>
      attachment(`mau-03-nguyen-thi-lan.${formatOf(request)}`),
    "GET /api/v1/cycles/9/points-records/document": (request) =>
      attachment(`mau-04-dhsp-2026.${formatOf(request)}`),
  });
}

/**
 * `decidedBoard()` after a re-rating lowered G of dhsp/F4 (S7): Trần Văn Bình (91) and Nguyễn
 * Thị Lan (92,5) both standing excellent over its limit 1, the lowest first.
 */
function overLimitBoard(): PointsBoard {
  const before = decidedBoard();
  return {
    ...before,
    rows: before.rows.map((row) =>
      row.member_id === 6
        ? { ...row, total: 910, status: "classified", level: "excellent" }
        : row,
    ),
    over_limit: [{ group: "dhsp/F4", limit: 1, excellent: 2, member_ids: [6, 5] }],
  };
}

function rowOf(name: string) {
  const board = screen.getByTestId("points-board");
  return within(board).getByText(name).closest("tr") as HTMLElement;
}

async function openRerating() {
  renderPage(<PointsAppraisalTab cycle={pointsCycle} />);
  await screen.findByTestId("points-board");
  const lan = rowOf("Nguyễn Thị Lan");
  await userEvent.click(within(lan).getByRole("button", { name: "Xếp loại lại (Mẫu 03)" }));
  return screen.findByTestId("rerate-form");
}

async function confirmRerating() {
  // The last one: an earlier confirmation may still be closing.
  const title = (await screen.findAllByText("Xếp loại lại đồng chí Nguyễn Thị Lan?")).at(-1);
  const dialog = title?.closest<HTMLElement>(".ant-modal") as HTMLElement;
  await userEvent.click(within(dialog).getByRole("button", { name: "Xếp loại lại" }));
  return dialog;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("re-rating (Mẫu 03)", () => {
  it("re-rates a decided member; the row shows the new level, the mark and Mẫu 03", async () => {
    const saved = captureDownloads();
    const api = rerateApi(() => json(lanRerated));
    const form = await openRerating();
    // Within the limits: no group to re-rate.
    expect(screen.queryByTestId("over-limit")).not.toBeInTheDocument();

    // What stands now, and the appraisal to start from (the appraised points, not her own).
    const current = within(form).getByTestId("decided-result");
    expect(current).toHaveTextContent("Kết quả đang ghi nhận");
    expect(current).toHaveTextContent("Hoàn thành xuất sắc nhiệm vụ");
    expect(
      within(form).getByLabelText(
        "Điểm thẩm định: Kết quả thực hiện nhiệm vụ theo kế hoạch, chức trách",
      ),
    ).toHaveValue("35,0");
    // The points decide the level: none to choose.
    expect(within(form).queryByLabelText(/Mức xếp loại \(điểm/)).not.toBeInTheDocument();

    const politics = within(form).getByLabelText("Điểm thẩm định: Tư tưởng chính trị");
    await userEvent.clear(politics);
    await userEvent.type(politics, "5");
    await userEvent.type(within(form).getByLabelText("Lý do xếp loại lại"), "Kết");
    await userEvent.click(within(form).getByRole("button", { name: "Xếp loại lại" }));
    expect(await within(form).findByText("Ghi lý do, ít nhất 5 ký tự")).toBeInTheDocument();
    await userEvent.type(
      within(form).getByLabelText("Lý do xếp loại lại"),
      " luận của Ủy ban Kiểm tra ",
    );
    await userEvent.click(within(form).getByRole("button", { name: "Xếp loại lại" }));
    const dialog = await confirmRerating();
    expect(dialog).toHaveTextContent("Kết quả đang ghi nhận bị hủy và thay bằng kết quả mới");
    expect(dialog).toHaveTextContent("Tỷ lệ hoàn thành xuất sắc áp dụng: 20%");

    await waitFor(() => expect(api.requests(reratePath)).toHaveLength(1));
    expect(await api.requests(reratePath)[0].json()).toEqual({
      appraisal: {
        appraised_points: { ...fullPoints, politics: 50, duties: 350 },
        facts: [],
        mitigated: [],
        appraised_level: null,
        note: null,
      },
      outstanding: false,
      reason: "Kết luận của Ủy ban Kiểm tra",
    });
    expect(await screen.findByText("Đã xếp loại lại")).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByTestId("rerate-form")).not.toBeInTheDocument());

    const lan = rowOf("Nguyễn Thị Lan");
    await waitFor(() => expect(lan).toHaveTextContent("Hoàn thành tốt nhiệm vụ"));
    expect(within(lan).getByText("Xếp loại lại")).toBeInTheDocument();
    // The others the competent level chose for (S10) were not re-rated.
    expect(within(rowOf("Trần Văn Bình")).queryByText("Xếp loại lại")).not.toBeInTheDocument();
    await userEvent.click(within(lan).getByRole("button", { name: /Tải Mẫu 03/ }));
    await userEvent.click(screen.getByRole("button", { name: /Danh mục hồ sơ \(Mẫu 04\)/ }));
    await waitFor(() =>
      expect(saved).toEqual(["mau-03-nguyen-thi-lan.docx", "mau-04-dhsp-2026.docx"]),
    );
    // Each also printed as PDF (format=pdf).
    await userEvent.click(within(lan).getByRole("button", { name: "In Mẫu 03 (PDF)" }));
    await userEvent.click(
      screen.getByRole("button", { name: "In danh mục hồ sơ (Mẫu 04, PDF)" }),
    );
    await waitFor(() =>
      expect(saved.slice(2)).toEqual(["mau-03-nguyen-thi-lan.pdf", "mau-04-dhsp-2026.pdf"]),
    );
    const [, rerating] = api.requests("GET /api/v1/cycles/9/members/5/points-rerating/document");
    expect(new URL(rerating.url).searchParams.get("format")).toBe("pdf");
    const [, records] = api.requests("GET /api/v1/cycles/9/points-records/document");
    expect(new URL(records.url).searchParams.get("format")).toBe("pdf");
  });

  it("asks for a level where the points fit none, and shows each error at its input", async () => {
    const api = rerateApi(async (request) => {
      const body = (await request.clone().json()) as { level?: string };
      return body.level
        ? json(lanRerated)
        : problem(422, "validation", "Dữ liệu không hợp lệ", [
            {
              field: "level",
              code: "required",
              message: "Điểm rơi vào khoảng quy định bỏ ngỏ (S5-gap)",
            },
            {
              field: "appraisal.appraised_points.politics",
              code: "over_maximum",
              message: "Tối đa 6",
            },
          ]);
    });
    const form = await openRerating();
    await userEvent.type(within(form).getByLabelText("Lý do xếp loại lại"), "Nhiệm vụ chậm");
    await userEvent.click(within(form).getByRole("button", { name: "Xếp loại lại" }));
    await confirmRerating();

    const level = await within(form).findByLabelText(/Mức xếp loại \(điểm/);
    expect(level.closest(".ant-form-item")).toHaveTextContent(
      "Điểm rơi vào khoảng quy định bỏ ngỏ (S5-gap)",
    );
    const politics = within(form).getByLabelText("Điểm thẩm định: Tư tưởng chính trị");
    expect(politics.closest(".ant-form-item")).toHaveTextContent("Tối đa 6");

    await userEvent.click(within(await openSelect(level)).getByTitle("Hoàn thành nhiệm vụ"));
    await userEvent.click(within(form).getByRole("button", { name: "Xếp loại lại" }));
    await confirmRerating();
    await waitFor(() => expect(api.requests(reratePath)).toHaveLength(2));
    const body = (await api.requests(reratePath)[1].json()) as Record<string, unknown>;
    expect(body.level).toBe("completed");
    expect(body.reason).toBe("Nhiệm vụ chậm");
  });

  it("names a group over its limit after a re-rating and re-rates its lowest first", async () => {
    const api = stubApi({
      "GET /api/v1/rule-sets": () => json(ruleSets()),
      [boardPath]: () => json(overLimitBoard()),
      [`GET ${formOf(6)}`]: () =>
        json(decided({}, { member_id: 6, member_name: "Trần Văn Bình" })),
    });
    renderPage(<PointsAppraisalTab cycle={pointsCycle} />);

    const alert = await screen.findByTestId("over-limit-dhsp/F4");
    expect(alert).toHaveTextContent(
      "Nhóm dhsp/F4: 2 đảng viên hoàn thành xuất sắc, vượt mức tối đa 1 sau khi xếp loại lại (S7).",
    );
    expect(alert).toHaveTextContent("Xếp loại lại người có điểm thấp nhất: Trần Văn Bình.");
    expect(alert).toHaveTextContent(
      "Theo điểm từ thấp đến cao: Trần Văn Bình (91), Nguyễn Thị Lan (92,5).",
    );
    expect(screen.getAllByTestId(/^over-limit-/)).toHaveLength(1);

    // The group's meter counts the standing excellent, over the limit.
    const f4 = screen.getByTestId("quota-group-dhsp/F4");
    expect(f4).toHaveTextContent("2/1");
    expect(f4).toHaveTextContent("Vượt số hoàn thành xuất sắc tối đa của nhóm");
    expect(f4).toHaveTextContent("Hoàn thành xuất sắc đang ghi nhận2");
    expect(f4.querySelector(".ant-progress-status-exception")).not.toBeNull();
    const f3 = screen.getByTestId("quota-group-dhsp/F3");
    expect(f3).not.toHaveTextContent("Vượt số hoàn thành xuất sắc tối đa");
    expect(f3.querySelector(".ant-progress-status-exception")).toBeNull();

    await userEvent.click(
      within(alert).getByRole("button", { name: "Xếp loại lại Trần Văn Bình (Mẫu 03)" }),
    );
    expect(await screen.findByTestId("rerate-form")).toBeInTheDocument();
    expect(screen.getByText("Xếp loại lại (Mẫu 03): Trần Văn Bình")).toBeInTheDocument();
    expect(api.requests(`GET ${formOf(6)}`).length).toBeGreaterThan(0);
  });

  it("says the group over its limit in English", async () => {
    window.localStorage.setItem("kiemdiem.locale", "en");
    stubApi({
      "GET /api/v1/rule-sets": () => json(ruleSets()),
      [boardPath]: () => json(overLimitBoard()),
    });
    renderPage(<PointsAppraisalTab cycle={pointsCycle} />);

    const alert = await screen.findByTestId("over-limit-dhsp/F4");
    expect(alert).toHaveTextContent(
      "Group dhsp/F4: 2 members excellent, over the limit of 1 after a re-rating (S7).",
    );
    expect(alert).toHaveTextContent("Re-rate the one with the lowest total: Trần Văn Bình.");
    expect(within(alert).getByRole("button")).toHaveTextContent("Re-rate Trần Văn Bình (form 03)");
  });
});
