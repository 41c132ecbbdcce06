import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { components } from "@/api/schema";
import {
  assessment,
  fullPoints,
  pointsCycle,
  ruleSets,
  submitted,
} from "@/features/points-year/testing/fixtures";
import { json, meWith, problem, startSession, stubApi } from "@/testing/api";
import { renderApp } from "@/testing/render-app";

type PointAssessment = components["schemas"]["PointAssessment"];
type Handler = (request: Request) => Response | Promise<Response>;

const formPath = "/api/v1/cycles/9/members/5/point-assessment";

function formApi(read: Handler, extra: Record<string, Handler> = {}) {
  return stubApi({
    "GET /api/v1/auth/me": () =>
      json({ ...meWith("member", 30, "Chi bộ Khoa Toán"), member_id: 5, read_scopes: [] }),
    "GET /api/v1/notifications": () => json([]),
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

describe("points form", () => {
  it("shows the frame's items, sums them live and saves a draft in tenths", async () => {
    startSession();
    const api = formApi(() => json(assessment()), {
      [`PUT ${formPath}`]: () => json(assessment({ status: "draft" })),
    });
    renderApp("/cycles/9/points/5");

    expect(await screen.findByTestId("points-status")).toHaveTextContent("Chưa bắt đầu");
    expect(screen.getByText("Phiếu tự đánh giá, chấm điểm — Nguyễn Thị Lan")).toBeInTheDocument();
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
});
