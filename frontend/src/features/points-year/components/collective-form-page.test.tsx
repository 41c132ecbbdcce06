import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { components } from "@/api/schema";
import {
  collectiveDecided,
  collectiveForm,
  collectivePoints,
  pointsCycle,
  ruleSets,
  submittedCollective,
} from "@/features/points-year/testing/fixtures";
import { json, meWith, paged, problem, startSession, stubApi } from "@/testing/api";
import { attachment, captureDownloads, formatOf } from "@/testing/download";
import { renderApp } from "@/testing/render-app";
import { openSelect } from "@/testing/select";

type SaveCollective = components["schemas"]["SaveCollective"];
type Handler = (request: Request) => Response | Promise<Response>;

const formPath = "/api/v1/cycles/9/organizations/30/point-assessment";
const put = `PUT ${formPath}`;

function formApi(read: Handler, extra: Record<string, Handler> = {}) {
  return stubApi({
    "GET /api/v1/auth/me": () => json(meWith("branch_committee", 30, "Chi bộ Khoa Toán")),
    "GET /api/v1/notifications": paged([]),
    "GET /api/v1/cycles/9": () => json(pointsCycle),
    "GET /api/v1/rule-sets": () => json(ruleSets()),
    [`GET ${formPath}`]: read,
    ...extra,
  });
}

/** The form as the server keeps a save: the own part sent, a draft or submitted. */
async function stored(request: Request) {
  const { submit, ...own } = (await request.clone().json()) as SaveCollective;
  return json(
    collectiveForm({
      ...own,
      status: submit ? "submitted" : "draft",
      submitted_at: submit ? "2026-11-28T02:00:00Z" : null,
    }),
  );
}

async function sent(api: ReturnType<typeof stubApi>, at: number) {
  await waitFor(() => expect(api.requests(put).length).toBeGreaterThan(at));
  return api.requests(put)[at].text();
}

async function submit() {
  await userEvent.click(screen.getByRole("button", { name: /Nộp/ }));
  const dialog = await screen.findByRole("dialog");
  expect(dialog).toHaveTextContent("Nộp phiếu tự chấm điểm của Chi bộ Khoa Toán?");
  await userEvent.click(within(dialog).getByRole("button", { name: "Nộp" }));
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("a collective's form (Mẫu 01)", () => {
  it("the branch committee scores F1, saves a draft, then submits it", async () => {
    startSession();
    const api = formApi(() => json(collectiveForm()), { [put]: stored });
    renderApp("/cycles/9/collectives/30");

    expect(await screen.findByTestId("points-status")).toHaveTextContent("Chưa bắt đầu");
    expect(
      screen.getByText("Báo cáo kiểm điểm, chấm điểm tập thể (Mẫu 01) — Chi bộ Khoa Toán"),
    ).toBeInTheDocument();
    expect(screen.getByTestId("points-frame")).toHaveTextContent("F1 — Mẫu 01");
    await userEvent.type(
      screen.getByLabelText("Xây dựng Đảng về chính trị, tư tưởng, đạo đức, tổ chức, cán bộ"),
      "5",
    );
    await userEvent.type(
      screen.getByLabelText("Cụ thể hóa kế hoạch thành sản phẩm; tiến độ, chất lượng"),
      "38,5",
    );
    expect(screen.getByTestId("sum-total")).toHaveTextContent("Tổng 43,5/100");
    await userEvent.type(screen.getByLabelText("Số nhiệm vụ được giao"), "12");
    await userEvent.type(screen.getByLabelText(/^Báo cáo kiểm điểm/), "Chi bộ hoàn thành tốt");
    await userEvent.click(screen.getByRole("button", { name: /Lưu nháp/ }));

    const own = {
      self_points: { party_building: 50, plan: 385 },
      tasks: { assigned: 12, done: 0, on_time: 0, exceeded: 0 },
      shortcomings: { prior: 0, remedied: 0 },
      narrative: "Chi bộ hoàn thành tốt",
    };
    expect(await sent(api, 0)).toBe(
      JSON.stringify({ ...own, proposed_level: null, submit: false }),
    );
    expect(await screen.findByText("Đã lưu nháp")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId("points-status")).toHaveTextContent("Bản nháp"));

    const levels = await openSelect(screen.getByLabelText("Tự nhận mức xếp loại"));
    await userEvent.click(within(levels).getByTitle("Hoàn thành tốt nhiệm vụ"));
    await submit();
    expect(await sent(api, 1)).toBe(JSON.stringify({ ...own, proposed_level: "good", submit: true }));
    expect(await screen.findByText("Phiếu đã nộp, không sửa được nữa.")).toBeInTheDocument();
    expect(screen.getByTestId("points-status")).toHaveTextContent("Đã nộp");
    expect(screen.queryByRole("button", { name: /Lưu nháp/ })).not.toBeInTheDocument();
  });

  it("shows the server's errors at the item they name", async () => {
    startSession();
    formApi(() => json(collectiveForm({ status: "draft", self_points: { party_building: 50 } })), {
      [put]: () =>
        problem(422, "validation", "Dữ liệu không hợp lệ", [
          { field: "self_points.capacity", code: "required", message: "Chưa chấm mục này" },
          {
            field: "proposed_level",
            code: "required",
            message: "Tự nhận mức xếp loại trước khi nộp",
          },
        ]),
    });
    renderApp("/cycles/9/collectives/30");

    await screen.findByTestId("points-status");
    await submit();
    const capacity = screen.getByLabelText("Năng lực lãnh đạo của cấp ủy; đoàn kết nội bộ");
    await waitFor(() =>
      expect(capacity.closest(".ant-form-item")).toHaveTextContent("Chưa chấm mục này"),
    );
    expect(
      screen.getByLabelText("Tự nhận mức xếp loại").closest(".ant-form-item"),
    ).toHaveTextContent("Tự nhận mức xếp loại trước khi nộp");
  });

  it("shows the appraisal and the decision once there; prints Mẫu 01", async () => {
    startSession();
    const saved = captureDownloads();
    const decided = submittedCollective({
      status: "decided",
      appraised_points: { ...collectivePoints, capacity: 25 },
      appraised_total: 915,
      facts: ["subordinate_disciplined"],
      appraisal_note: "Trừ điểm đoàn kết nội bộ",
      appraised_by: "Trần Văn Hùng",
      appraised_at: "2026-12-01T03:00:00Z",
      decision: collectiveDecided(),
    });
    const api = formApi(() => json(decided), {
      [`GET ${formPath}/document`]: (request) =>
        attachment(`mau-01-chi-bo-khoa-toan.${formatOf(request)}`),
    });
    renderApp("/cycles/9/collectives/30");

    const result = await screen.findByTestId("decided-result");
    expect(result).toHaveTextContent("Hoàn thành xuất sắc nhiệm vụ");
    expect(
      Array.from(within(result).getByTestId("reasons").children, (tag) => tag.textContent),
    ).toEqual([
      "C2: Xếp loại tập thể theo tổng điểm và kết quả thực hiện nhiệm vụ",
      "S7-tie: Bằng điểm tại ngưỡng tỷ lệ của nhóm: cấp có thẩm quyền quyết định",
      "S10: Cấp có thẩm quyền đã quyết định",
    ]);
    expect(result).toHaveTextContent("Lý do: Chi bộ có nhiều sản phẩm vượt kế hoạch");
    expect(screen.getByText(/— Lê Văn Bí$/)).toBeInTheDocument();
    expect(screen.getByLabelText("Kiểm tra, giám sát, kỷ luật đảng")).toBeDisabled();

    const summary = screen.getByTestId("appraisal-summary");
    expect(summary).toHaveTextContent("Tổng 91,5/100");
    expect(summary).toHaveTextContent(
      "Có đơn vị trực thuộc hoặc thành viên tập thể lãnh đạo bị kỷ luật trong năm",
    );
    expect(summary).not.toHaveTextContent("Mức xếp loại cơ quan thẩm định đề xuất");

    await userEvent.click(screen.getByRole("button", { name: /Tải Mẫu 01 \(DOCX\)/ }));
    await waitFor(() => expect(saved).toEqual(["mau-01-chi-bo-khoa-toan.docx"]));
    expect(new URL(api.requests(`GET ${formPath}/document`)[0].url).search).toBe("?format=docx");

    await userEvent.click(screen.getByRole("button", { name: "In Mẫu 01 (PDF)" }));
    await waitFor(() =>
      expect(saved).toEqual(["mau-01-chi-bo-khoa-toan.docx", "mau-01-chi-bo-khoa-toan.pdf"]),
    );
    expect(new URL(api.requests(`GET ${formPath}/document`)[1].url).search).toBe("?format=pdf");
  });

  it("lists the re-ratings (Mẫu 03): the earlier level, the new one, the grounds, who, when", async () => {
    startSession();
    formApi(() =>
      json(
        submittedCollective({
          status: "decided",
          decision: collectiveDecided({
            level: "good",
            reasons: ["C2", "S10"],
            reason: "Quyết định số 12-QĐ/ĐU ngày 22/12/2026",
            decided_at: "2026-12-22T02:00:00Z",
          }),
          reratings: [
            {
              previous_level: "excellent",
              previous_reasons: ["C2", "S7-tie", "S10"],
              level: "good",
              reason: "Quyết định số 12-QĐ/ĐU ngày 22/12/2026",
              rerated_by: "Trần Văn Hùng",
              rerated_at: "2026-12-22T02:00:00Z",
            },
          ],
        }),
      ),
    );
    renderApp("/cycles/9/collectives/30");

    const result = await screen.findByTestId("decided-result");
    expect(result).toHaveTextContent("Hoàn thành tốt nhiệm vụ");
    expect(within(result).getByText("Xếp loại lại")).toBeInTheDocument();
    const history = screen.getByTestId("collective-reratings");
    expect(history).toHaveTextContent("Các lần xếp loại lại (Mẫu 03)");
    const [one] = within(history).getAllByTestId("collective-rerating");
    expect(one).toHaveTextContent("Hoàn thành xuất sắc nhiệm vụ→Hoàn thành tốt nhiệm vụ");
    expect(one).toHaveTextContent("Căn cứ: Quyết định số 12-QĐ/ĐU ngày 22/12/2026");
    expect(one).toHaveTextContent("Trần Văn Hùng, ngày 22/12/2026");
  });

  it("shows no re-rating before there is one", async () => {
    startSession();
    formApi(() => json(submittedCollective({ status: "decided", decision: collectiveDecided() })));
    renderApp("/cycles/9/collectives/30");

    const result = await screen.findByTestId("decided-result");
    expect(within(result).queryByText("Xếp loại lại")).not.toBeInTheDocument();
    expect(screen.queryByTestId("collective-reratings")).not.toBeInTheDocument();
  });
});
