import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { components } from "@/api/schema";
import { PointsAppraisalTab } from "@/features/points-year/components/points-appraisal-tab";
import {
  board,
  boardRow,
  pointsCycle,
  ruleSets,
  submitted,
} from "@/features/points-year/testing/fixtures";
import { json, meWith, paged, problem, startSession, stubApi } from "@/testing/api";
import { renderApp } from "@/testing/render-app";
import { renderPage } from "@/testing/render-page";
import { openSelect } from "@/testing/select";

type PointAssessment = components["schemas"]["PointAssessment"];
type BranchReviewInfo = components["schemas"]["BranchReviewInfo"];
type BranchTally = components["schemas"]["BranchTally"];
type Cycle = components["schemas"]["Cycle"];
type Handler = (request: Request) => Response | Promise<Response>;

const formPath = "/api/v1/cycles/9/members/5/point-assessment";
const reviewPath = `POST ${formPath}/branch-review`;

/** `pointsCycle` under a rule set that asks the branch to vote too (S10, `branch_vote`). */
const votingCycle: Cycle = {
  ...pointsCycle,
  rules: {
    name: "tinh-na-2026",
    method: "points",
    points: { branch_vote: true },
  } as unknown as Cycle["rules"],
};

/** Nguyễn Thị Lan's submitted form while the vote is awaited: no level yet (S10-vote). */
const awaitingVote = submitted({ indicated_level: null, indicated_reasons: ["S10-vote"] });

function review(changes: Partial<BranchReviewInfo> = {}): BranchReviewInfo {
  return {
    opinion: "Chi bộ thống nhất với phiếu tự đánh giá",
    proposed_level: "good",
    reviewed_by: "Lê Văn Bí",
    reviewed_at: "2026-12-05T03:00:00Z",
    vote: null,
    ...changes,
  };
}

function formApi(
  me: ReturnType<typeof meWith>,
  cycle: Cycle,
  read: Handler,
  extra: Record<string, Handler> = {},
) {
  return stubApi({
    "GET /api/v1/auth/me": () => json(me),
    "GET /api/v1/notifications": paged([]),
    "GET /api/v1/cycles/9": () => json(cycle),
    "GET /api/v1/rule-sets": () => json(ruleSets()),
    [`GET ${formPath}`]: read,
    ...extra,
  });
}

const branchCommittee = meWith("branch_committee", 30, "Chi bộ Khoa Toán");

async function sentReviews(api: ReturnType<typeof stubApi>, count: number) {
  await waitFor(() => expect(api.requests(reviewPath)).toHaveLength(count));
  return Promise.all(
    api.requests(reviewPath).map(async (request) => (await request.clone().json()) as unknown),
  );
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the branch's review of a form (S10 step 2)", () => {
  it("records the opinions, the level and the vote; shows what the vote reached", async () => {
    startSession();
    let current: PointAssessment = awaitingVote;
    const api = formApi(branchCommittee, votingCycle, () => json(current), {
      [reviewPath]: async (request) => {
        const { vote } = (await request.clone().json()) as { vote: BranchTally };
        if (vote.excellent + vote.good + vote.completed + vote.not_completed > vote.counted) {
          return problem(422, "validation", "Dữ liệu không hợp lệ", [
            { field: "vote", code: "over_counted", message: "10 phiếu vượt 9 đảng viên chính thức" },
            { field: "vote.good", code: "range", message: "Không được âm" },
          ]);
        }
        current = submitted({
          indicated_level: "good",
          indicated_reasons: ["S5", "S10-vote"],
          branch_review: review({ vote: { tally: vote, reached: "good" } }),
        });
        return json(current);
      },
    });
    renderApp("/cycles/9/points/5");

    // No level before the vote, said in words (never the rule id alone).
    const indicated = await screen.findByTestId("indicated-level");
    expect(indicated).toHaveTextContent("Chưa xếp loại (chờ chi bộ biểu quyết)");
    expect(within(indicated).getByTestId("reasons")).toHaveTextContent(
      "Chờ chi bộ biểu quyết: chưa có phiếu, hoặc chưa mức nào đạt ngưỡng",
    );
    expect(indicated).not.toHaveTextContent("Cấp có thẩm quyền quyết định");

    const card = screen.getByTestId("branch-review");
    await userEvent.click(within(card).getByRole("button", { name: /Ghi ý kiến của chi bộ/ }));
    const form = await screen.findByTestId("branch-review-form");
    expect(screen.getByText("Ý kiến của chi bộ về phiếu của Nguyễn Thị Lan")).toBeInTheDocument();
    await userEvent.type(
      within(form).getByLabelText("Ý kiến thảo luận, góp ý của chi bộ"),
      "Chi bộ thống nhất với phiếu tự đánh giá",
    );
    const level = within(form).getByLabelText("Mức xếp loại chi ủy đề xuất");
    await userEvent.click(within(await openSelect(level)).getByTitle("Hoàn thành tốt nhiệm vụ"));
    // The vote: D, then the votes per level.
    const counts: [string, string][] = [
      ["Số đảng viên chính thức (mẫu số)", "9"],
      ["Phiếu hoàn thành xuất sắc", "6"],
      ["Phiếu hoàn thành tốt", "4"],
      ["Phiếu hoàn thành", "0"],
      ["Phiếu không hoàn thành", "0"],
    ];
    for (const [label, value] of counts) {
      await userEvent.type(within(form).getByLabelText(label), value);
    }
    await userEvent.click(within(form).getByRole("button", { name: "Lưu ý kiến của chi bộ" }));

    // Each error at its input: the whole tally's under D.
    const counted = within(form).getByLabelText("Số đảng viên chính thức (mẫu số)");
    await waitFor(() =>
      expect(counted.closest(".ant-form-item")).toHaveTextContent(
        "10 phiếu vượt 9 đảng viên chính thức",
      ),
    );
    const good = within(form).getByLabelText("Phiếu hoàn thành tốt");
    expect(good.closest(".ant-form-item")).toHaveTextContent("Không được âm");

    await userEvent.clear(good);
    await userEvent.type(good, "3");
    await userEvent.click(within(form).getByRole("button", { name: "Lưu ý kiến của chi bộ" }));
    const sent = await sentReviews(api, 2);
    expect(sent[1]).toEqual({
      opinion: "Chi bộ thống nhất với phiếu tự đánh giá",
      proposed_level: "good",
      vote: { counted: 9, excellent: 6, good: 3, completed: 0, not_completed: 0 },
    });
    expect(new URL(api.requests(reviewPath)[1].url).searchParams.get("period")).toBe("0");

    expect(await screen.findByText("Đã lưu ý kiến của chi bộ")).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.queryByTestId("branch-review-form")).not.toBeInTheDocument(),
    );
    const recorded = await screen.findByTestId("branch-vote");
    expect(recorded).toHaveTextContent("Số đảng viên chính thức (mẫu số)9");
    expect(recorded).toHaveTextContent("Phiếu hoàn thành xuất sắc6");
    expect(recorded).toHaveTextContent("Phiếu hoàn thành tốt3");
    expect(within(recorded).getByTestId("vote-reached")).toHaveTextContent(
      "Biểu quyết đạt: Hoàn thành tốt nhiệm vụ",
    );
    const shown = screen.getByTestId("branch-review");
    expect(shown).toHaveTextContent("Chi bộ thống nhất với phiếu tự đánh giá");
    expect(shown).toHaveTextContent("Lê Văn Bí — 05/12/2026 10:00");
    // The level the vote capped, with its reason in words.
    await waitFor(() =>
      expect(screen.getByTestId("indicated-level")).toHaveTextContent(
        "Theo kết quả biểu quyết của chi bộ (mức cao nhất đạt ngưỡng)",
      ),
    );
    expect(within(shown).getByRole("button", { name: /Sửa ý kiến của chi bộ/ })).toBeEnabled();
  });

  it("asks for no vote when the rule set does not, and sends none", async () => {
    startSession();
    const api = formApi(branchCommittee, pointsCycle, () => json(submitted()), {
      [reviewPath]: () => json(submitted({ branch_review: review() })),
    });
    renderApp("/cycles/9/points/5");

    const card = await screen.findByTestId("branch-review");
    await userEvent.click(within(card).getByRole("button", { name: /Ghi ý kiến của chi bộ/ }));
    const form = await screen.findByTestId("branch-review-form");
    expect(within(form).queryByLabelText("Phiếu hoàn thành tốt")).not.toBeInTheDocument();
    await userEvent.click(within(form).getByRole("button", { name: "Lưu ý kiến của chi bộ" }));
    expect(await within(form).findByText("Ghi ý kiến của chi bộ")).toBeInTheDocument();
    expect(api.requests(reviewPath)).toHaveLength(0);

    await userEvent.type(
      within(form).getByLabelText("Ý kiến thảo luận, góp ý của chi bộ"),
      "  Đồng ý  ",
    );
    await userEvent.click(within(form).getByRole("button", { name: "Lưu ý kiến của chi bộ" }));
    const [body] = await sentReviews(api, 1);
    expect(body).toStrictEqual({ opinion: "Đồng ý", proposed_level: null });
  });

  it("shows the member a vote that reached no level, without a way to change it", async () => {
    startSession();
    const tally = { counted: 9, excellent: 2, good: 1, completed: 1, not_completed: 4 };
    formApi(
      { ...meWith("member", 30, "Chi bộ Khoa Toán"), member_id: 5, read_scopes: [] },
      votingCycle,
      () => json({ ...awaitingVote, branch_review: review({ vote: { tally, reached: null } }) }),
    );
    renderApp("/cycles/9/points/5");

    const card = await screen.findByTestId("branch-review");
    expect(within(card).getByTestId("vote-reached")).toHaveTextContent(
      "Chưa mức nào đạt: chi bộ biểu quyết lại",
    );
    expect(within(card).getByTestId("branch-vote")).toHaveTextContent("Phiếu không hoàn thành4");
    expect(card).toHaveTextContent("Hoàn thành tốt nhiệm vụ");
    expect(within(card).queryByRole("button")).not.toBeInTheDocument();
  });

  it("names a member waiting for the vote on the board, in words", async () => {
    stubApi({
      "GET /api/v1/rule-sets": () => json(ruleSets()),
      "GET /api/v1/cycles/9/points-board": () =>
        json(
          board({
            rows: [
              boardRow({ status: "pending", level: null, reasons: ["S10-vote"] }),
              boardRow({
                member_id: 6,
                member_name: "Trần Văn Bình",
                level: "good",
                reasons: ["S5", "S10-vote"],
              }),
            ],
          }),
        ),
    });
    renderPage(<PointsAppraisalTab cycle={votingCycle} />);

    const table = await screen.findByTestId("points-board");
    const lan = within(table).getByText("Nguyễn Thị Lan").closest("tr") as HTMLElement;
    expect(lan).toHaveTextContent("Chưa xếp loại (chờ chi bộ biểu quyết)");
    expect(within(lan).getByText(/^Chờ chi bộ biểu quyết/)).toHaveAttribute(
      "data-reason",
      "S10-vote",
    );
    const binh = within(table).getByText("Trần Văn Bình").closest("tr") as HTMLElement;
    expect(
      within(binh).getByText("Theo kết quả biểu quyết của chi bộ (mức cao nhất đạt ngưỡng)"),
    ).toHaveAttribute("data-reason", "S10-vote");
    expect(within(table).queryByText("S10-vote")).not.toBeInTheDocument();
  });

  it("shows the committee appraising a form what the branch said and voted", async () => {
    const tally = { counted: 9, excellent: 6, good: 3, completed: 0, not_completed: 0 };
    stubApi({
      "GET /api/v1/rule-sets": () => json(ruleSets()),
      "GET /api/v1/cycles/9/points-board": () => json(board()),
      [`GET ${formPath}`]: (request) =>
        json(
          new URL(request.url).searchParams.get("period") === "0"
            ? submitted({ branch_review: review({ vote: { tally, reached: "good" } }) })
            : submitted({ status: "not_started" }),
        ),
    });
    renderPage(<PointsAppraisalTab cycle={votingCycle} />);

    const table = await screen.findByTestId("points-board");
    const lan = within(table).getByText("Nguyễn Thị Lan").closest("tr") as HTMLElement;
    await userEvent.click(within(lan).getByRole("button", { name: "Thẩm định" }));
    await screen.findByTestId("appraise-form");
    const card = screen.getByTestId("branch-review");
    expect(card).toHaveTextContent("Chi bộ thống nhất với phiếu tự đánh giá");
    expect(within(card).getByTestId("vote-reached")).toHaveTextContent(
      "Biểu quyết đạt: Hoàn thành tốt nhiệm vụ",
    );
    // Only read here: the branch committee records it on the form.
    expect(within(card).queryByRole("button")).not.toBeInTheDocument();
  });

  it("says the vote's reason in English", async () => {
    window.localStorage.setItem("kiemdiem.locale", "en");
    stubApi({
      "GET /api/v1/rule-sets": () => json(ruleSets()),
      "GET /api/v1/cycles/9/points-board": () =>
        json(board({ rows: [boardRow({ level: "good", reasons: ["S5", "S10-vote"] })] })),
    });
    renderPage(<PointsAppraisalTab cycle={votingCycle} />);

    const table = await screen.findByTestId("points-board");
    expect(table).toHaveTextContent(
      "Capped by the branch vote (highest level reaching its threshold)",
    );
  });
});
