import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { CollectivesTab } from "@/features/points-year/components/collectives-tab";
import type { CollectivesBoard } from "@/features/points-year/api/collectives";
import {
  baseOrganization,
  collectiveDecided,
  collectivePoints,
  collectivesBoard,
  pointsCycle,
  ruleSets,
  submittedCollective,
} from "@/features/points-year/testing/fixtures";
import { json, meWith, problem, stubApi } from "@/testing/api";
import { renderPage } from "@/testing/render-page";
import { openSelect } from "@/testing/select";

type Handler = (request: Request) => Response | Promise<Response>;

const boardPath = "GET /api/v1/cycles/9/collectives-board";
const decidePath = "POST /api/v1/cycles/9/collectives-decision";
const formPath = "/api/v1/cycles/9/organizations/30/point-assessment";
const appraisePath = `POST ${formPath}/appraisal`;
const reratePath = "POST /api/v1/cycles/9/organizations/30/points-rerating";

const baseCommittee = meWith("committee", 20, "Đảng bộ Trường Đại học Sư phạm");
const districtCommittee = meWith("committee", 10, "Thành ủy Vinh");

function tabApi(extra: Record<string, Handler> = {}) {
  return stubApi({
    "GET /api/v1/rule-sets": () => json(ruleSets()),
    [boardPath]: () => json(collectivesBoard()),
    ...extra,
  });
}

function renderTab(me = baseCommittee) {
  renderPage(<CollectivesTab me={me} cycle={pointsCycle} />);
  return screen.findByTestId("collectives-board");
}

function rowOf(table: HTMLElement, name: string) {
  return within(table).getByText(name).closest("tr") as HTMLElement;
}

async function choose(name: string, level: string, reason: string) {
  const list = await openSelect(screen.getByLabelText(`Mức xếp loại quyết định: ${name}`));
  await userEvent.click(within(list).getByTitle(level));
  await userEvent.click(screen.getByLabelText(`Lý do quyết định: ${name}`));
  await userEvent.paste(reason);
}

/** The ties of `collectivesBoard()` chosen for, and the decision confirmed. */
async function decideTies() {
  await choose("Chi bộ Khoa Toán", "Hoàn thành xuất sắc nhiệm vụ", "Nhiều sản phẩm vượt kế hoạch");
  await choose("Chi bộ Khoa Lý", "Hoàn thành tốt nhiệm vụ", "Ít sản phẩm vượt kế hoạch hơn");
  const card = screen.getByTestId("collectives-decision-branches");
  await userEvent.click(within(card).getByText("Quyết định xếp loại"));
  const dialog = await screen.findByRole("dialog");
  expect(dialog).toHaveTextContent("Quyết định xếp loại các chi bộ năm 2026?");
  await userEvent.click(within(dialog).getByRole("button", { name: "Quyết định" }));
  return card;
}

describe("collectives tab", () => {
  it("shows each collective with its members' levels beside, the base with its branches'", async () => {
    tabApi();
    const table = await renderTab();

    const rows = table.querySelectorAll("tr.ant-table-row");
    expect(Array.from(rows, (row) => row.querySelector("strong")?.textContent)).toEqual([
      "Chi bộ Khoa Toán",
      "Chi bộ Khoa Lý",
      "Chi bộ Phòng Đào tạo",
      "Đảng bộ Trường Đại học Sư phạm",
    ]);
    const toan = rowOf(table, "Chi bộ Khoa Toán");
    expect(toan).toHaveTextContent("Đã nộp");
    expect(toan).toHaveTextContent("93,5");
    expect(toan).toHaveTextContent("Bằng điểm tại ngưỡng tỷ lệ của nhóm");
    expect(within(toan).getByTestId("member-levels")).toHaveTextContent(
      "Đảng viên (18): Xuất sắc 2 · Tốt 15 · Chưa xếp loại 1 · đã quyết định 18/18",
    );
    expect(within(toan).queryByTestId("branch-levels")).not.toBeInTheDocument();

    const base = rowOf(table, "Đảng bộ Trường Đại học Sư phạm");
    expect(base).toHaveTextContent("88");
    expect(base).toHaveTextContent("Hoàn thành tốt nhiệm vụ");
    expect(
      within(base).getByText("Xếp loại tập thể theo tổng điểm và kết quả thực hiện nhiệm vụ"),
    ).toHaveAttribute("data-reason", "C2");
    expect(within(base).getByTestId("member-levels")).toHaveTextContent(
      "Đảng viên (27): Xuất sắc 3 · Tốt 22 · Hoàn thành 1 · Chưa xếp loại 1 · đã quyết định 27/27",
    );
    expect(within(base).getByTestId("branch-levels")).toHaveTextContent(
      "Chi bộ (3): Tốt 1 · Chưa xếp loại 2",
    );
    expect(within(toan).getByText("Mở phiếu").closest("a")).toHaveAttribute(
      "href",
      "/cycles/9/collectives/30",
    );

    // The base committee appraises and decides its branches, not the base itself.
    expect(within(toan).getByText("Thẩm định").closest("button")).toBeEnabled();
    expect(within(base).queryByText("Thẩm định")).not.toBeInTheDocument();
    expect(screen.getByTestId("quota-group-dhsp/chi-bo")).toHaveTextContent("0/1");
    expect(screen.getByTestId("collectives-decision-branches")).toBeInTheDocument();
    expect(screen.queryByTestId("collectives-decision-organization")).not.toBeInTheDocument();
  });

  it("appraises a branch's form on F1 with the facts of collectives", async () => {
    const api = tabApi({
      [`GET ${formPath}`]: () => json(submittedCollective()),
      [appraisePath]: () => json(submittedCollective({ status: "appraised" })),
    });
    const table = await renderTab();
    await userEvent.click(within(rowOf(table, "Chi bộ Khoa Toán")).getByText("Thẩm định"));

    const form = await screen.findByTestId("appraise-form");
    expect(within(form).getByTestId("sum-total")).toHaveTextContent("Tổng 93,5/100");
    // Only F1's facts; no level to propose (the decision gives it).
    expect(within(form).queryByText(/phiếu tín nhiệm thấp/)).not.toBeInTheDocument();
    expect(within(form).queryByText("Mức xếp loại đề xuất")).not.toBeInTheDocument();
    const capacity = within(form).getByLabelText(
      "Điểm thẩm định: Năng lực lãnh đạo của cấp ủy; đoàn kết nội bộ",
    );
    await userEvent.clear(capacity);
    await userEvent.type(capacity, "4");
    await userEvent.click(
      within(form).getByText("Có đơn vị trực thuộc hoặc thành viên tập thể lãnh đạo bị kỷ luật trong năm"),
    );
    await userEvent.type(within(form).getByLabelText("Ý kiến thẩm định"), "Trừ điểm");
    await userEvent.click(within(form).getByText("Lưu thẩm định"));

    await waitFor(() => expect(api.requests(appraisePath)).toHaveLength(1));
    expect(await api.requests(appraisePath)[0].json()).toStrictEqual({
      appraised_points: { ...collectivePoints, capacity: 40 },
      facts: ["subordinate_disciplined"],
      mitigated: [],
      note: "Trừ điểm",
    });
    await waitFor(() => expect(screen.queryByTestId("appraise-form")).not.toBeInTheDocument());
  });

  it("decides the branches: a level and a reason for each tie, confirmed", async () => {
    const after = collectivesBoard();
    after.rows = after.rows.map((row) => ({ ...row, decided: row.kind === "branch" }));
    let decided = false;
    const api = tabApi({
      [boardPath]: () => json(decided ? after : collectivesBoard()),
      [decidePath]: () => {
        decided = true;
        return json(after);
      },
    });
    await renderTab();
    const card = await decideTies();

    await waitFor(() => expect(api.requests(decidePath)).toHaveLength(1));
    expect(await api.requests(decidePath)[0].text()).toBe(
      JSON.stringify({
        scope: "branches",
        outstanding: false,
        choices: [
          { organization_id: 30, level: "excellent", reason: "Nhiều sản phẩm vượt kế hoạch" },
          { organization_id: 31, level: "good", reason: "Ít sản phẩm vượt kế hoạch hơn" },
        ],
      }),
    );
    expect(await within(card).findByTestId("decision-summary")).toHaveTextContent(
      "Đã quyết định xếp loại các chi bộ",
    );
  });

  it("says which collectives have not submitted when the server refuses (409)", async () => {
    const detail = "Chưa nộp phiếu tự chấm điểm: Chi bộ Khoa Hóa";
    const api = tabApi({ [decidePath]: () => problem(409, "collectives_pending", detail) });
    await renderTab();
    const card = await decideTies();

    expect(await within(card).findByRole("alert")).toHaveTextContent(detail);
    // The board is read again: a branch came meanwhile.
    await waitFor(() => expect(api.requests(boardPath)).toHaveLength(2));
  });

  it("lets the committee directly above decide the base, once its branches are", async () => {
    const branchesDecided = collectivesBoard();
    branchesDecided.rows = branchesDecided.rows.map((row) =>
      row.kind === "branch" ? { ...row, decided: true, status: "classified", level: "good" } : row,
    );
    const api = tabApi({
      "GET /api/v1/organizations/20": () => json(baseOrganization()),
      [boardPath]: () => json(branchesDecided),
      [decidePath]: () => json(branchesDecided),
    });
    const table = await renderTab(districtCommittee);

    expect(screen.queryByTestId("collectives-decision-branches")).not.toBeInTheDocument();
    expect(within(rowOf(table, "Chi bộ Khoa Toán")).queryByText("Thẩm định")).toBeNull();
    const card = await screen.findByTestId("collectives-decision-organization");
    const base = rowOf(table, "Đảng bộ Trường Đại học Sư phạm");
    expect(within(base).getByText("Thẩm định").closest("button")).toBeEnabled();
    expect(card).toHaveTextContent("Quyết định xếp loại Đảng bộ Trường Đại học Sư phạm");
    expect(card).toHaveTextContent("Không có tổ chức nào cần chọn mức");
    await userEvent.click(within(card).getByText("Quyết định xếp loại"));
    const dialog = await screen.findByRole("dialog");
    await userEvent.click(within(dialog).getByRole("button", { name: "Quyết định" }));

    await waitFor(() => expect(api.requests(decidePath)).toHaveLength(1));
    expect(await api.requests(decidePath)[0].text()).toBe(
      JSON.stringify({ scope: "organization", outstanding: false, choices: [] }),
    );
  });
});

/** `collectivesBoard()` once the branches are decided: Khoa Toán excellent after its tie. */
function branchesDecidedBoard(): CollectivesBoard {
  const before = collectivesBoard();
  return {
    ...before,
    rows: before.rows.map((row) => {
      if (row.kind !== "branch") return row;
      const toan = row.organization_id === 30;
      return {
        ...row,
        decided: true,
        assessment: "decided",
        status: "classified",
        level: toan ? "excellent" : "good",
        reasons: toan ? ["C2", "S7-tie", "S10"] : ["C2"],
      };
    }),
  };
}

/** Khoa Toán's form as decided: excellent, appraised with 35 points on the plan. */
const toanDecided = submittedCollective({
  status: "decided",
  appraised_points: { ...collectivePoints, plan: 350 },
  appraised_total: 905,
  appraisal_note: "Trừ điểm kế hoạch",
  decision: collectiveDecided(),
});

/** Once re-rated: good (C2, S10), the earlier decision kept. */
const toanRerated = {
  ...toanDecided,
  decision: collectiveDecided({
    level: "good",
    reasons: ["C2", "S10"],
    reason: "Kết luận kiểm tra số 5",
  }),
  reratings: [
    {
      previous_level: "excellent",
      previous_reasons: ["C2", "S7-tie", "S10"],
      level: "good",
      reason: "Kết luận kiểm tra số 5",
      rerated_by: "Trần Văn Hùng",
      rerated_at: "2026-12-28T02:00:00Z",
    },
  ],
};

async function openRerating(table: HTMLElement) {
  const toan = rowOf(table, "Chi bộ Khoa Toán");
  await userEvent.click(within(toan).getByRole("button", { name: "Xếp loại lại (Mẫu 03)" }));
  return screen.findByTestId("collective-rerate-form");
}

async function confirmRerating() {
  // The last one: an earlier confirmation may still be closing.
  const title = (await screen.findAllByText("Xếp loại lại Chi bộ Khoa Toán?")).at(-1);
  const dialog = title?.closest<HTMLElement>(".ant-modal") as HTMLElement;
  await userEvent.click(within(dialog).getByRole("button", { name: "Xếp loại lại" }));
}

describe("a collective's re-rating (Mẫu 03)", () => {
  it("re-rates a decided branch from its appraisal; the board and form are read again", async () => {
    let rerated = false;
    const api = tabApi({
      [boardPath]: () => json(branchesDecidedBoard()),
      [`GET ${formPath}`]: () => json(rerated ? toanRerated : toanDecided),
      [reratePath]: () => {
        rerated = true;
        return json(toanRerated);
      },
    });
    const table = await renderTab();

    // Decided: re-rated, no longer appraised; the base is the committee above's.
    const toan = rowOf(table, "Chi bộ Khoa Toán");
    expect(within(toan).queryByRole("button", { name: "Thẩm định" })).not.toBeInTheDocument();
    const base = rowOf(table, "Đảng bộ Trường Đại học Sư phạm");
    expect(within(base).queryByRole("button", { name: /Xếp loại lại/ })).not.toBeInTheDocument();

    const form = await openRerating(table);
    expect(screen.getByText("Xếp loại lại (Mẫu 03): Chi bộ Khoa Toán")).toBeInTheDocument();
    expect(within(form).getByTestId("decided-result")).toHaveTextContent(
      "Hoàn thành xuất sắc nhiệm vụ",
    );
    // The appraisal to start from: the appraised points, not the branch's own.
    const plan = within(form).getByLabelText(
      "Điểm thẩm định: Cụ thể hóa kế hoạch thành sản phẩm; tiến độ, chất lượng",
    );
    expect(plan).toHaveValue("35,0");
    expect(within(form).queryByLabelText(/Mức xếp loại \(điểm/)).not.toBeInTheDocument();

    await userEvent.click(
      within(form).getByText(
        "Có đơn vị trực thuộc hoặc thành viên tập thể lãnh đạo bị kỷ luật trong năm",
      ),
    );
    await userEvent.click(within(form).getByRole("button", { name: "Xếp loại lại" }));
    expect(await within(form).findByText("Ghi lý do, ít nhất 5 ký tự")).toBeInTheDocument();
    await userEvent.type(within(form).getByLabelText("Lý do xếp loại lại"), " Kết luận kiểm tra số 5 ");
    await userEvent.click(within(form).getByRole("button", { name: "Xếp loại lại" }));
    await confirmRerating();

    await waitFor(() => expect(api.requests(reratePath)).toHaveLength(1));
    expect(await api.requests(reratePath)[0].json()).toStrictEqual({
      appraisal: {
        appraised_points: { ...collectivePoints, plan: 350 },
        facts: ["subordinate_disciplined"],
        mitigated: [],
        note: "Trừ điểm kế hoạch",
      },
      reason: "Kết luận kiểm tra số 5",
    });
    expect(await screen.findByText("Đã xếp loại lại")).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.queryByTestId("collective-rerate-form")).not.toBeInTheDocument(),
    );
    await waitFor(() => expect(api.requests(boardPath).length).toBeGreaterThan(1));
    await waitFor(() => expect(api.requests(`GET ${formPath}`).length).toBeGreaterThan(1));
  });

  it("asks for a level in a gap, and shows each error at its input", async () => {
    const api = tabApi({
      [boardPath]: () => json(branchesDecidedBoard()),
      [`GET ${formPath}`]: () => json(toanDecided),
      [reratePath]: async (request) => {
        const body = (await request.clone().json()) as { level?: string };
        return body.level
          ? json(toanRerated)
          : problem(422, "validation", "Dữ liệu không hợp lệ", [
              {
                field: "appraisal.appraised_points.plan",
                code: "over_maximum",
                message: "Tối đa 40",
              },
              { field: "appraisal.facts[0]", code: "unknown", message: "Không có trường hợp này" },
              {
                field: "level",
                code: "required",
                message: "Điểm rơi vào khoảng quy định bỏ ngỏ (S5-gap)",
              },
            ]);
      },
    });
    const form = await openRerating(await renderTab());
    await userEvent.type(within(form).getByLabelText("Lý do xếp loại lại"), "Nhiệm vụ chậm");
    await userEvent.click(within(form).getByRole("button", { name: "Xếp loại lại" }));
    await confirmRerating();

    const level = await within(form).findByLabelText(/Mức xếp loại \(điểm/);
    expect(level.closest(".ant-form-item")).toHaveTextContent(
      "Điểm rơi vào khoảng quy định bỏ ngỏ (S5-gap)",
    );
    const plan = within(form).getByLabelText(
      "Điểm thẩm định: Cụ thể hóa kế hoạch thành sản phẩm; tiến độ, chất lượng",
    );
    expect(plan.closest(".ant-form-item")).toHaveTextContent("Tối đa 40");
    expect(form).toHaveTextContent("Không có trường hợp này");

    await userEvent.click(within(await openSelect(level)).getByTitle("Hoàn thành nhiệm vụ"));
    await userEvent.click(within(form).getByRole("button", { name: "Xếp loại lại" }));
    await confirmRerating();
    await waitFor(() => expect(api.requests(reratePath)).toHaveLength(2));
    const body = (await api.requests(reratePath)[1].json()) as Record<string, unknown>;
    expect(body.level).toBe("completed");
    expect(body.reason).toBe("Nhiệm vụ chậm");
  });

  it("says when the collective is no longer decided (409)", async () => {
    const detail = "Tổ chức chưa được quyết định xếp loại: chưa có gì để xếp loại lại";
    const api = tabApi({
      [boardPath]: () => json(branchesDecidedBoard()),
      [`GET ${formPath}`]: () => json(toanDecided),
      [reratePath]: () => problem(409, "not_decided", detail),
    });
    const form = await openRerating(await renderTab());
    await userEvent.type(within(form).getByLabelText("Lý do xếp loại lại"), "Kết luận kiểm tra");
    await userEvent.click(within(form).getByRole("button", { name: "Xếp loại lại" }));
    await confirmRerating();

    expect(await within(form).findByRole("alert")).toHaveTextContent(detail);
    await waitFor(() => expect(api.requests(boardPath).length).toBeGreaterThan(1));
  });

  it("lets the committee above re-rate the decided organisation itself", async () => {
    const decided = branchesDecidedBoard();
    decided.rows = decided.rows.map((row) =>
      row.kind === "base" ? { ...row, decided: true, assessment: "decided" } : row,
    );
    tabApi({
      "GET /api/v1/organizations/20": () => json(baseOrganization()),
      [boardPath]: () => json(decided),
      "GET /api/v1/cycles/9/organizations/20/point-assessment": () =>
        json({
          ...toanDecided,
          organization_id: 20,
          organization_name: "Đảng bộ Trường Đại học Sư phạm",
          kind: "base",
        }),
    });
    const table = await renderTab(districtCommittee);

    expect(
      within(rowOf(table, "Chi bộ Khoa Toán")).queryByRole("button", { name: /Xếp loại lại/ }),
    ).not.toBeInTheDocument();
    const base = rowOf(table, "Đảng bộ Trường Đại học Sư phạm");
    await userEvent.click(
      await within(base).findByRole("button", { name: "Xếp loại lại (Mẫu 03)" }),
    );
    expect(await screen.findByTestId("collective-rerate-form")).toBeInTheDocument();
    expect(
      screen.getByText("Xếp loại lại (Mẫu 03): Đảng bộ Trường Đại học Sư phạm"),
    ).toBeInTheDocument();
  });
});

describe("the collectives' quota meters (C3)", () => {
  it("counts the organisation itself among its peers under the committee above", async () => {
    const withPeers = collectivesBoard();
    withPeers.rows = withPeers.rows.map((row) =>
      row.kind === "base" ? { ...row, group: "tp/base" } : row,
    );
    withPeers.quotas = [
      ...withPeers.quotas,
      { group: "tp/base", counted: 6, limit: 1, excellent_before_quota: 1, excellent: 1 },
    ];
    tabApi({ [boardPath]: () => json(withPeers) });
    await renderTab();

    const peers = await screen.findByTestId("quota-group-tp/base");
    expect(peers).toHaveTextContent("C3");
    expect(within(peers).getByTestId("quota-caption")).toHaveTextContent(
      "Các tổ chức cùng cấp trực thuộc cấp trên (C3)",
    );
    expect(peers).toHaveTextContent("1/1");
    expect(peers).toHaveTextContent("Số được tính (G)6");
    const branches = screen.getByTestId("quota-group-dhsp/chi-bo");
    expect(within(branches).getByTestId("quota-caption")).toHaveTextContent(
      "Các chi bộ trực thuộc (C3)",
    );
    expect(branches).toHaveTextContent("0/1");
  });
});
