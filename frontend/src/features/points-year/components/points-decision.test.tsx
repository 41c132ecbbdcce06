import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Cycle } from "@/features/points-year/api/points";
import { PointsAppraisalTab } from "@/features/points-year/components/points-appraisal-tab";
import {
  decidedBoard,
  decisionBoard,
  decisionChoices,
  pointsCycle,
  ruleSets,
} from "@/features/points-year/testing/fixtures";
import { json, problem, stubApi } from "@/testing/api";
import { renderPage } from "@/testing/render-page";
import { openSelect, optionTitles } from "@/testing/select";

type Handler = (request: Request) => Response | Promise<Response>;

const boardPath = "GET /api/v1/cycles/9/points-board";
const decidePath = "POST /api/v1/cycles/9/points-decision";

const tie = ["Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ"];
const gap = ["Hoàn thành nhiệm vụ", "Không hoàn thành nhiệm vụ"];
const levelText: Record<string, string> = {
  excellent: tie[0],
  good: tie[1],
  completed: gap[0],
  not_completed: gap[1],
};

/** The API of the board of `decisionBoard`; once `decide` answers 200, the board is decided. */
function decisionApi(decide?: Handler) {
  let decided = false;
  return stubApi({
    "GET /api/v1/rule-sets": () => json(ruleSets()),
    [boardPath]: (request) =>
      json(
        decided
          ? decidedBoard()
          : decisionBoard(new URL(request.url).searchParams.get("outstanding") === "true"),
      ),
    [decidePath]: async (request) => {
      const response = await (decide ?? (() => json(decidedBoard())))(request);
      decided = response.ok;
      return response;
    },
  });
}

function renderTab(cycle: Cycle = pointsCycle) {
  renderPage(<PointsAppraisalTab cycle={cycle} />);
  return screen.findByTestId("points-decision");
}

/** A group's meter: its `used/limit` text and its facts, label → value. */
function meter(group: string) {
  const card = screen.getByTestId(`quota-group-${group}`);
  const facts: Record<string, string | undefined> = Object.fromEntries(
    Array.from(card.querySelectorAll(".ant-descriptions-item-container"), (item) => [
      item.querySelector(".ant-descriptions-item-label")?.textContent ?? "",
      item.querySelector(".ant-descriptions-item-content")?.textContent ?? undefined,
    ]),
  );
  return { card, facts };
}

async function chooseLevel(name: string, level: string) {
  const list = await openSelect(screen.getByLabelText(`Mức xếp loại quyết định: ${name}`));
  await userEvent.click(within(list).getByTitle(level));
}

async function giveReason(name: string, reason: string) {
  await userEvent.click(screen.getByLabelText(`Lý do quyết định: ${name}`));
  await userEvent.paste(reason);
}

/** Every unresolved member of `decisionBoard()` chosen for as in `decisionChoices`. */
async function chooseAll() {
  for (const { name, level, reason } of decisionChoices) {
    await chooseLevel(name, levelText[level]);
    await giveReason(name, reason);
  }
}

const decideButton = () => screen.getByRole("button", { name: "Quyết định xếp loại" });

function choiceRow(name: string) {
  const choices = screen.getByTestId("decision-choices");
  return within(choices).getByText(name).closest("tr") as HTMLElement;
}

describe("points decision", () => {
  it("shows each group's quota meter, which follows the outstanding switch", async () => {
    const api = decisionApi();
    await renderTab();

    const f4 = meter("dhsp/F4");
    expect(f4.card).toHaveTextContent("0/1");
    expect(f4.facts).toEqual({
      "Số được tính (G)": "8",
      "Tối đa hoàn thành xuất sắc": "1 (20% của G)",
      "Xuất sắc theo điểm": "2",
      "Xuất sắc sau tỷ lệ": "0",
    });
    expect(meter("dhsp/F3").card).toHaveTextContent("0/0");
    expect(meter("dhsp/F3").facts["Số được tính (G)"]).toBe("4");

    await userEvent.click(
      screen.getByRole("switch", {
        name: "Tổ chức có kết quả nổi bật: tỷ lệ hoàn thành xuất sắc 25%",
      }),
    );
    await waitFor(() => expect(meter("dhsp/F4").card).toHaveTextContent("2/2"));
    expect(meter("dhsp/F4").facts["Tối đa hoàn thành xuất sắc"]).toBe("2 (25% của G)");
    expect(meter("dhsp/F4").card).toHaveTextContent("Đã đủ số hoàn thành xuất sắc tối đa của nhóm");
    expect(meter("dhsp/F3").card).toHaveTextContent("0/1");
    expect(api.requests(boardPath).map((request) => new URL(request.url).search)).toEqual([
      "?outstanding=false",
      "?outstanding=true",
    ]);
    // At 25% nobody ties: only the gap is left to choose for.
    const choices = screen.getByTestId("decision-choices");
    expect(within(choices).queryByText("Nguyễn Thị Lan")).not.toBeInTheDocument();
    expect(within(choices).getByText("Phạm Văn Dũng")).toBeInTheDocument();
  });

  it("offers a tie excellent or good, a gap completed or not; waits for every choice", async () => {
    decisionApi();
    await renderTab();
    const choices = screen.getByTestId("decision-choices");
    const rows = choices.querySelectorAll("tr.ant-table-row");
    expect(Array.from(rows, (row) => row.querySelector("strong")?.textContent)).toEqual([
      "Nguyễn Thị Lan",
      "Trần Văn Bình",
      "Phạm Văn Dũng",
    ]);
    expect(within(choiceRow("Nguyễn Thị Lan")).getByText(
      "Bằng điểm tại ngưỡng tỷ lệ của nhóm: cấp có thẩm quyền quyết định",
    )).toHaveAttribute("data-reason", "S7-tie");
    expect(decideButton()).toBeDisabled();
    expect(screen.getByText(/Còn 3 người chưa chọn mức/)).toBeInTheDocument();

    const tieList = await openSelect(
      screen.getByLabelText("Mức xếp loại quyết định: Nguyễn Thị Lan"),
    );
    expect(optionTitles(tieList)).toEqual(tie);
    await userEvent.click(within(tieList).getByTitle(tie[1]));
    const gapList = await openSelect(
      screen.getByLabelText("Mức xếp loại quyết định: Phạm Văn Dũng"),
    );
    expect(optionTitles(gapList)).toEqual(gap);
    await userEvent.click(within(gapList).getByTitle(gap[0]));

    await giveReason("Nguyễn Thị Lan", "Ít sản phẩm vượt yêu cầu");
    await chooseLevel("Trần Văn Bình", tie[1]);
    await giveReason("Trần Văn Bình", "Ít sản phẩm vượt yêu cầu");
    // A reason of 4 characters (spaces aside) is not one yet.
    await giveReason("Phạm Văn Dũng", "  Lý d  ");
    expect(decideButton()).toBeDisabled();
    expect(screen.getByText(/Còn 1 người chưa chọn mức/)).toBeInTheDocument();
    await userEvent.paste("o");
    expect(decideButton()).toBeEnabled();
    expect(screen.queryByText(/chưa chọn mức/)).not.toBeInTheDocument();
  });

  it("counts a tie chosen excellent on its group's meter and warns over the limit", async () => {
    decisionApi();
    await renderTab();

    await chooseLevel("Nguyễn Thị Lan", tie[0]);
    expect(meter("dhsp/F4").card).toHaveTextContent("1/1");
    expect(meter("dhsp/F4").facts["Chọn xuất sắc khi quyết định"]).toBe("1");
    expect(screen.queryByTestId("over-quota")).not.toBeInTheDocument();

    await chooseLevel("Trần Văn Bình", tie[0]);
    const f4 = meter("dhsp/F4");
    expect(f4.card).toHaveTextContent("2/1");
    expect(f4.card).toHaveTextContent("Vượt số hoàn thành xuất sắc tối đa của nhóm");
    expect(f4.facts["Chọn xuất sắc khi quyết định"]).toBe("2");
    expect(within(choiceRow("Trần Văn Bình")).getByTestId("over-quota")).toHaveTextContent(
      "Nhóm dhsp/F4: 2 hoàn thành xuất sắc, vượt mức tối đa 1",
    );

    await chooseLevel("Trần Văn Bình", tie[1]);
    expect(meter("dhsp/F4").card).toHaveTextContent("1/1");
    expect(screen.queryByTestId("over-quota")).not.toBeInTheDocument();
  });

  it("confirms, sends the decision and shows the board as decided", async () => {
    const api = decisionApi();
    await renderTab();
    await chooseAll();
    await userEvent.click(decideButton());

    const dialog = await screen.findByRole("dialog");
    expect(dialog).toHaveTextContent("Quyết định xếp loại năm 2026?");
    expect(dialog).toHaveTextContent("Quyết định không thể sửa; việc xếp loại lại theo Mẫu 03.");
    expect(dialog).toHaveTextContent("Tỷ lệ hoàn thành xuất sắc áp dụng: 20% số được tính (G)");
    expect(
      Array.from(within(dialog).getByTestId("decision-counts").children, (tag) => tag.textContent),
    ).toEqual([
      "Hoàn thành xuất sắc nhiệm vụ: 1",
      "Hoàn thành tốt nhiệm vụ: 2",
      "Hoàn thành nhiệm vụ: 1",
      "Chưa xếp loại (chưa nộp phiếu): 1",
    ]);
    expect(api.requests(decidePath)).toHaveLength(0);
    await userEvent.click(within(dialog).getByRole("button", { name: "Quyết định" }));

    await waitFor(() => expect(api.requests(decidePath)).toHaveLength(1));
    expect(await api.requests(decidePath)[0].text()).toBe(
      JSON.stringify({
        outstanding: false,
        choices: [
          { member_id: 5, level: "excellent", reason: "Có sáng kiến được áp dụng toàn trường" },
          { member_id: 6, level: "good", reason: "Ít sản phẩm vượt yêu cầu hơn" },
          { member_id: 8, level: "completed", reason: "Nhiệm vụ còn lại do khách quan" },
        ],
      }),
    );

    const summary = await screen.findByTestId("decision-summary");
    expect(summary).toHaveTextContent("Cấp có thẩm quyền đã quyết định xếp loại năm nay");
    expect(screen.queryByRole("button", { name: "Quyết định xếp loại" })).not.toBeInTheDocument();
    expect(screen.queryByTestId("decision-choices")).not.toBeInTheDocument();
    // The quota groups counted the decided results: no longer edited.
    expect(screen.queryByRole("button", { name: "Sửa nhóm tính tỷ lệ" })).not.toBeInTheDocument();
    const board = screen.getByTestId("points-board");
    const lan = within(board).getByText("Nguyễn Thị Lan").closest("tr") as HTMLElement;
    expect(within(lan).getAllByText("Đã quyết định").length).toBeGreaterThan(0);
    expect(lan).toHaveTextContent("Hoàn thành xuất sắc nhiệm vụ");
    expect(lan).toHaveTextContent("Lý do quyết định: Có sáng kiến được áp dụng toàn trường");
    expect(within(lan).getByText("Cấp có thẩm quyền đã quyết định")).toHaveAttribute(
      "data-reason",
      "S10",
    );
    // The tie decided excellent still counts on its group's meter.
    expect(meter("dhsp/F4").card).toHaveTextContent("1/1");
  });

  it("shows a 422's errors at the member of the choice they name", async () => {
    decisionApi(() =>
      problem(422, "validation", "Dữ liệu không hợp lệ", [
        {
          field: "choices[1].level",
          code: "invalid_choice",
          message: "Chọn một trong: excellent, good",
        },
        { field: "choices", code: "required", message: "Cần quyết định mức cho: Ngô Văn Em" },
      ]),
    );
    await renderTab();
    await chooseAll();
    await userEvent.click(decideButton());
    await userEvent.click(
      within(await screen.findByRole("dialog")).getByRole("button", { name: "Quyết định" }),
    );

    const bình = choiceRow("Trần Văn Bình");
    expect(await within(bình).findByText("Chọn một trong: excellent, good")).toBeInTheDocument();
    expect(choiceRow("Nguyễn Thị Lan")).not.toHaveTextContent("Chọn một trong");
    expect(screen.getByRole("alert")).toHaveTextContent("Cần quyết định mức cho: Ngô Văn Em");
    // The error goes once the choice changes.
    await chooseLevel("Trần Văn Bình", tie[0]);
    await waitFor(() => expect(bình).not.toHaveTextContent("Chọn một trong"));
  });

  it("shows a 409 quota_exceeded's detail", async () => {
    const detail =
      "Nhóm dhsp/F4: 2 hoàn thành xuất sắc vượt giới hạn 1 (20% của 8 hoàn thành tốt, S7)";
    decisionApi(() => problem(409, "quota_exceeded", detail));
    await renderTab();
    await chooseAll();
    await chooseLevel("Trần Văn Bình", tie[0]);
    await userEvent.click(decideButton());
    await userEvent.click(
      within(await screen.findByRole("dialog")).getByRole("button", { name: "Quyết định" }),
    );

    expect(await screen.findByRole("alert")).toHaveTextContent(detail);
    expect(decideButton()).toBeEnabled();
  });

  it("offers no decision once the cycle is closed", async () => {
    decisionApi();
    const card = await renderTab({ ...pointsCycle, stage: "closed" });
    expect(card).toHaveTextContent(
      "Đợt kiểm điểm đã kết thúc: không quyết định xếp loại được nữa.",
    );
    expect(screen.queryByRole("button", { name: "Quyết định xếp loại" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Sửa nhóm tính tỷ lệ" })).not.toBeInTheDocument();
  });
});
