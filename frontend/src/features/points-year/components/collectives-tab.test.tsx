import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { CollectivesTab } from "@/features/points-year/components/collectives-tab";
import {
  baseOrganization,
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
