import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { components } from "@/api/schema";
import {
  assessment,
  decided,
  fullPoints,
  pointsCycle,
  ruleSets,
  submitted,
  tagged,
} from "@/features/points-year/testing/fixtures";
import { json, meWith, paged, problem, startSession, stubApi } from "@/testing/api";
import { attachment, captureDownloads, formatOf } from "@/testing/download";
import { renderApp } from "@/testing/render-app";

type PointAssessment = components["schemas"]["PointAssessment"];
type Handler = (request: Request) => Response | Promise<Response>;

const formPath = "/api/v1/cycles/9/members/5/point-assessment";

function formApi(read: Handler, extra: Record<string, Handler> = {}) {
  return stubApi({
    "GET /api/v1/auth/me": () =>
      json({ ...meWith("member", 30, "Chi bộ Khoa Toán"), member_id: 5, read_scopes: [] }),
    "GET /api/v1/notifications": paged([]),
    "GET /api/v1/cycles/9": () => json(pointsCycle),
    "GET /api/v1/rule-sets": () => json(ruleSets()),
    [`GET ${formPath}`]: read,
    ...extra,
  });
}

async function saved(api: ReturnType<typeof stubApi>, at = 0) {
  await waitFor(() => expect(api.requests(`PUT ${formPath}`).length).toBeGreaterThan(at));
  return (await api.requests(`PUT ${formPath}`)[at].json()) as Record<string, unknown>;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("points form", () => {
  it("shows the frame's items, sums them live and saves a draft in tenths", async () => {
    startSession();
    const api = formApi(() => json(assessment()), {
      [`PUT ${formPath}`]: () => json(assessment({ status: "draft" })),
    });
    renderApp("/cycles/9/points/5");

    expect(await screen.findByTestId("points-status")).toHaveTextContent("Chưa bắt đầu");
    expect(screen.getByText("Phiếu tự đánh giá, chấm điểm — Nguyễn Thị Lan")).toBeInTheDocument();
    // Nothing to print before the first save.
    expect(screen.queryByRole("button", { name: /Tải bản kiểm điểm/ })).not.toBeInTheDocument();
    const general = screen.getByTestId("points-group-general");
    expect(within(general).getByText("Tư tưởng chính trị")).toBeInTheDocument();
    expect(screen.getByTestId("points-group-tasks")).toHaveTextContent(
      "Kết quả thực hiện nhiệm vụ theo kế hoạch, chức trách",
    );
    expect(screen.getByTestId("sum-general")).toHaveTextContent("Tiêu chí chung 0/30");

    await userEvent.type(screen.getByLabelText("Tư tưởng chính trị"), "5,5");
    await userEvent.type(screen.getByLabelText("Chất lượng, tiến độ thực hiện"), "18");
    expect(screen.getByTestId("sum-general")).toHaveTextContent("Tiêu chí chung 5,5/30");
    expect(screen.getByTestId("sum-tasks")).toHaveTextContent("Kết quả thực hiện nhiệm vụ 18/70");
    expect(screen.getByTestId("sum-total")).toHaveTextContent("Tổng 23,5/100");

    await userEvent.type(screen.getByLabelText("Số nhiệm vụ được giao"), "10");
    await userEvent.type(screen.getByLabelText("Tự nhận xét, đánh giá"), "Tốt");
    await userEvent.click(screen.getByRole("button", { name: /Lưu nháp/ }));

    expect(await saved(api)).toEqual({
      frame: "F4",
      self_points: { politics: 55, quality: 180 },
      tasks: { assigned: 10, done: 0, on_time: 0, exceeded: 0 },
      shortcomings: { prior: 0, remedied: 0 },
      narrative: "Tốt",
      proposed_level: null,
      submit: false,
    });
    expect(await screen.findByText("Đã lưu nháp")).toBeInTheDocument();
    expect(await screen.findByTestId("points-status")).toHaveTextContent("Bản nháp");
    expect(screen.getByRole("button", { name: /Tải bản kiểm điểm \(DOCX\)/ })).toBeInTheDocument();
  });

  it("submits after a confirmation and shows the server's errors on their fields", async () => {
    startSession();
    const draft = assessment({ status: "draft", self_points: { politics: 55 } });
    const api = formApi(() => json(draft), {
      [`PUT ${formPath}`]: () =>
        problem(422, "validation", "Dữ liệu không hợp lệ", [
          { field: "self_points.ethics", code: "required", message: "Chưa chấm mục này" },
          {
            field: "tasks.done",
            code: "over_assigned",
            message: "Số hoàn thành vượt số được giao",
          },
          {
            field: "proposed_level",
            code: "required",
            message: "Tự nhận mức xếp loại trước khi nộp",
          },
        ]),
    });
    renderApp("/cycles/9/points/5");

    expect(await screen.findByLabelText("Tư tưởng chính trị")).toHaveValue("5,5");
    await userEvent.click(screen.getByRole("button", { name: /Nộp/ }));
    const dialog = await screen.findByRole("dialog");
    expect(dialog).toHaveTextContent("Sau khi nộp, phiếu không sửa được nữa.");
    await userEvent.click(within(dialog).getByRole("button", { name: "Nộp" }));

    const body = await saved(api);
    expect(body.submit).toBe(true);
    expect(body.self_points).toEqual({ politics: 55 });
    expect(await screen.findByText("Chưa chấm mục này")).toBeInTheDocument();
    expect(screen.getByText("Số hoàn thành vượt số được giao")).toBeInTheDocument();
    expect(screen.getByText("Tự nhận mức xếp loại trước khi nộp")).toBeInTheDocument();
    // Each under its own field.
    const ethics = screen.getByLabelText("Phẩm chất đạo đức, lối sống").closest(".ant-form-item");
    expect(ethics).toHaveTextContent("Chưa chấm mục này");
  });

  it("is read-only once submitted and shows the appraisal and the level in words", async () => {
    startSession();
    const appraised: PointAssessment = submitted({
      status: "appraised",
      appraised_points: { ...fullPoints, duties: 350 },
      appraised_total: 895,
      facts: ["duty_discipline"],
      mitigated: ["duty_discipline"],
      appraised_level: "good",
      appraisal_note: "Trừ điểm mục nhiệm vụ",
      appraised_by: "Trần Văn Hùng",
      appraised_at: "2026-12-01T03:00:00Z",
      indicated_level: "good",
      indicated_reasons: ["S6-mitigated", "S5"],
    });
    formApi(() => json(appraised));
    renderApp("/cycles/9/points/5");

    expect(await screen.findByTestId("points-status")).toHaveTextContent("Đã thẩm định");
    expect(screen.getByText("Phiếu đã nộp, không sửa được nữa.")).toBeInTheDocument();
    expect(screen.getByLabelText("Tư tưởng chính trị")).toBeDisabled();
    expect(screen.queryByRole("button", { name: /Lưu nháp/ })).not.toBeInTheDocument();
    expect(screen.getByTestId("sum-total")).toHaveTextContent("Tổng 92,5/100");

    const summary = screen.getByTestId("appraisal-summary");
    expect(summary).toHaveTextContent("Tổng 89,5/100");
    expect(summary).toHaveTextContent(
      "Bị kỷ luật từ khiển trách trở lên trong năm do vi phạm khi thực thi công vụ",
    );
    expect(summary).toHaveTextContent("Hoàn thành tốt nhiệm vụ");
    expect(summary).toHaveTextContent("Trần Văn Hùng — 01/12/2026 10:00");

    const indicated = screen.getByTestId("indicated-level");
    expect(indicated).toHaveTextContent("Hoàn thành tốt nhiệm vụ");
    const reason = within(indicated).getByText("Có vi phạm được xem xét giảm nhẹ");
    await userEvent.hover(reason);
    expect(await screen.findByRole("tooltip")).toHaveTextContent("S6-mitigated");
  });

  it("switches to a quarter's form (Mẫu 05)", async () => {
    startSession();
    const api = formApi((request) =>
      json(assessment({ period: Number(new URL(request.url).searchParams.get("period")) })),
    );
    renderApp("/cycles/9/points/5");

    await screen.findByTestId("points-status");
    expect(new URL(api.requests(`GET ${formPath}`)[0].url).searchParams.get("period")).toBe("0");
    await userEvent.click(screen.getByText("Quý 2 (Mẫu 05)"));
    await waitFor(() =>
      expect(
        api.requests(`GET ${formPath}`).map((r) => new URL(r.url).searchParams.get("period")),
      ).toContain("2"),
    );
  });

  it("reads the form again, locked, when it was submitted meanwhile", async () => {
    startSession();
    let current = assessment({ status: "draft" });
    formApi(() => json(current), {
      [`PUT ${formPath}`]: () => {
        current = submitted({ on_behalf: true });
        return problem(409, "already_submitted", "Phiếu đã nộp, không sửa được nữa");
      },
    });
    renderApp("/cycles/9/points/5");

    await userEvent.click(await screen.findByRole("button", { name: /Lưu nháp/ }));
    expect(await screen.findByText("Chi ủy nhập thay từ phiếu giấy")).toBeInTheDocument();
    expect(screen.getByTestId("points-status")).toHaveTextContent("Đã nộp");
    expect(screen.queryByRole("button", { name: /Lưu nháp/ })).not.toBeInTheDocument();
  });

  it("names the form read in If-Match, offers to reload it when someone else saved", async () => {
    startSession();
    let current = tagged(assessment({ status: "draft", narrative: "Bản của tôi" }), '"pa-1"');
    const api = formApi(() => current.clone(), {
      [`PUT ${formPath}`]: (request) => {
        if (request.headers.get("If-Match") === '"pa-1"') {
          return tagged(assessment({ status: "draft", narrative: "Bản của tôi" }), '"pa-2"');
        }
        // Meanwhile the branch committee entered the paper form.
        current = tagged(assessment({ status: "draft", narrative: "Chi ủy nhập" }), '"pa-3"');
        return problem(412, "precondition_failed", "Phiếu đã được lưu bởi người khác");
      },
    });
    renderApp("/cycles/9/points/5");

    const save = await screen.findByRole("button", { name: /Lưu nháp/ });
    await userEvent.click(save);
    expect(await screen.findByText("Đã lưu nháp")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: /Lưu nháp/ }));

    const stale = await screen.findByTestId("points-stale");
    expect(stale).toHaveTextContent("Phiếu đã được người khác lưu sau khi đồng chí mở");
    expect(stale).toHaveTextContent("Những gì đồng chí vừa nhập chưa được lưu");
    const puts = api.requests(`PUT ${formPath}`);
    expect(puts.map((request) => request.headers.get("If-Match"))).toEqual(['"pa-1"', '"pa-2"']);
    // What was typed stays until the user reads the form again.
    expect(screen.getByLabelText("Tự nhận xét, đánh giá")).toHaveValue("Bản của tôi");

    await userEvent.click(within(stale).getByRole("button", { name: /Tải lại phiếu/ }));
    await waitFor(() =>
      expect(screen.getByLabelText("Tự nhận xét, đánh giá")).toHaveValue("Chi ủy nhập"),
    );
    expect(screen.queryByTestId("points-stale")).not.toBeInTheDocument();
  });

  it("shows the member the decided level, its grounds and reason; prints the forms", async () => {
    startSession();
    const saved = captureDownloads();
    const rerated = decided({
      level: "good",
      reasons: ["S5", "S7", "S10"],
      reason: "Kết luận của Ủy ban Kiểm tra về sáng kiến",
      rerated: true,
    });
    const api = formApi(() => json(rerated), {
      [`GET ${formPath}/document`]: (request) =>
        attachment(`mau-2b-nguyen-thi-lan.${formatOf(request)}`),
      "GET /api/v1/cycles/9/members/5/points-rerating/document": (request) =>
        attachment(`mau-03-nguyen-thi-lan.${formatOf(request)}`),
    });
    renderApp("/cycles/9/points/5");

    const result = await screen.findByTestId("decided-result");
    expect(result).toHaveTextContent("Kết quả xếp loại");
    expect(result).toHaveTextContent("Hoàn thành tốt nhiệm vụ");
    expect(within(result).getByText("Xếp loại lại")).toBeInTheDocument();
    expect(
      Array.from(within(result).getByTestId("reasons").children, (tag) => tag.textContent),
    ).toEqual([
      "S5: Xếp loại theo tổng điểm và kết quả thực hiện nhiệm vụ",
      "S7: Vượt tỷ lệ hoàn thành xuất sắc của nhóm: xuống hoàn thành tốt nhiệm vụ",
      "S10: Cấp có thẩm quyền đã quyết định",
    ]);
    expect(result).toHaveTextContent("Lý do: Kết luận của Ủy ban Kiểm tra về sáng kiến");
    expect(within(result).getByTestId("decided-on")).toHaveTextContent(
      "Quyết định ngày 20/12/2026 — Trần Văn Hùng",
    );

    await userEvent.click(screen.getByRole("button", { name: /Tải bản kiểm điểm \(DOCX\)/ }));
    await userEvent.click(within(result).getByRole("button", { name: /Tải Mẫu 03/ }));
    await waitFor(() =>
      expect(saved).toEqual(["mau-2b-nguyen-thi-lan.docx", "mau-03-nguyen-thi-lan.docx"]),
    );
    const document = api.requests(`GET ${formPath}/document`)[0];
    expect(new URL(document.url).search).toBe("?format=docx&period=0");

    // Beside each DOCX, the same form printed as PDF (format=pdf).
    await userEvent.click(screen.getByRole("button", { name: "In bản kiểm điểm (PDF)" }));
    await userEvent.click(within(result).getByRole("button", { name: "In Mẫu 03 (PDF)" }));
    await waitFor(() =>
      expect(saved.slice(2)).toEqual(["mau-2b-nguyen-thi-lan.pdf", "mau-03-nguyen-thi-lan.pdf"]),
    );
    expect(new URL(api.requests(`GET ${formPath}/document`)[1].url).search).toBe(
      "?format=pdf&period=0",
    );
    const [, rerating] = api.requests("GET /api/v1/cycles/9/members/5/points-rerating/document");
    expect(new URL(rerating.url).searchParams.get("format")).toBe("pdf");
  });
});
