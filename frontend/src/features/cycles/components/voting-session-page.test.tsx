import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { preview, result } from "@/testing/classification";
import { cycle } from "@/features/cycles/testing/fixtures";
import {
  resultRecord,
  roll,
  rollMember,
  sessionSummary,
  votingSession,
} from "@/features/cycles/testing/voting-fixtures";
import type { PreviewRequest } from "@/lib/classification/preview";
import { json, meWith, paged, problem, startSession, stubApi } from "@/testing/api";
import { renderApp } from "@/testing/render-app";

type Handler = (request: Request) => Response | Promise<Response>;

const previewPath = "POST /api/v1/classification/preview";
const tallyPath = "PUT /api/v1/voting-sessions/41/tallies/2";

function sessionApi(session: () => Response, extra: Record<string, Handler> = {}) {
  return stubApi({
    "GET /api/v1/auth/me": () => json(meWith("branch_committee", 30, "Chi bộ Khoa Toán")),
    "GET /api/v1/notifications": paged([]),
    "GET /api/v1/cycles/9": () => json(cycle),
    "GET /api/v1/voting-sessions/41": session,
    "GET /api/v1/voting-sessions/41/attachments": () => json([]),
    ...extra,
  });
}

function rowOf(name: string): HTMLElement {
  const table = screen.getByTestId("voting-roll");
  return within(table).getByText(name).closest("tr") as HTMLElement;
}

describe("voting session page", () => {
  it("shows D and the roll, and classifies the votes live as they are typed", async () => {
    startSession();
    const api = sessionApi(() => json(votingSession()), {
      [previewPath]: () =>
        json(
          preview({
            denominator: 3,
            voters_present: 3,
            registered: 3,
            quota: { limit: 1, basis: "Q2", counted: 3, excellent_before_quota: 2, excellent: 1 },
            results: [
              result({ id: "1", level: "excellent", reasons: ["M6"] }),
              result({
                id: "2",
                level: "good",
                cap: "excellent",
                reasons: ["M6", "Q4"],
                explanation: "Vượt tỷ lệ xuất sắc của chi bộ nên xếp hoàn thành tốt nhiệm vụ",
              }),
              result({ id: "3", status: "unresolved", level: null, reasons: ["M7"] }),
            ],
            warnings: [
              { code: "M7-revote", member_id: "3", message: "Chi bộ bỏ phiếu lại" },
              { code: "Q4-tie", member_id: "2", message: "Bằng phiếu tại ngưỡng" },
            ],
          }),
        ),
    });
    renderApp("/voting-sessions/41");

    expect(
      await screen.findByRole("heading", { name: "Phiên bỏ phiếu — Chi bộ Khoa Toán" }),
    ).toBeInTheDocument();
    const summary = screen.getByTestId("session-summary");
    expect(summary).toHaveTextContent("Số đảng viên tính tỷ lệ (D)3");
    expect(summary).toHaveTextContent("Có mặt biểu quyết3");
    // The roll in the order the server gave, with the leader's ratings.
    const names = within(screen.getByTestId("voting-roll"))
      .getAllByRole("row")
      .slice(1)
      .map((row) => row.querySelector("strong")?.textContent);
    expect(names).toEqual(roll.map((member) => member.full_name));
    expect(within(rowOf("Nguyễn Văn An")).getByText("Lãnh đạo")).toBeInTheDocument();
    expect(within(rowOf("Trần Thị Bình")).getByText("Chưa nhập")).toBeInTheDocument();
    expect(api.requests(previewPath)).toHaveLength(0);

    // Typing 3 votes for excellent asks the engine once the typing stops.
    await userEvent.type(within(rowOf("Trần Thị Bình")).getByLabelText("HTXS Trần Thị Bình"), "3");
    await waitFor(() => expect(api.requests(previewPath)).toHaveLength(1), { timeout: 3000 });
    const body = (await api.requests(previewPath)[0].json()) as PreviewRequest;
    expect(body).toMatchObject({
      rule_set: "vinh-2016",
      reference_date: "2026-12-15",
      branch: { outstanding_unit: false },
    });
    expect(body.members.map((member) => member.id)).toEqual(["1", "2", "3"]);
    expect(body.members[1].votes).toEqual({
      excellent: 3,
      good: 0,
      completed: 0,
      not_completed: 0,
    });

    // Bình falls to good by the quota: the words say why, Q4 beside them.
    const binh = await waitFor(() => {
      const cell = within(rowOf("Trần Thị Bình")).getByTestId("session-result");
      expect(cell).toHaveTextContent("Hoàn thành tốt nhiệm vụ");
      return cell;
    });
    expect(within(binh).getByTestId("result-words")).toHaveTextContent(
      "Vượt tỷ lệ xuất sắc của chi bộ nên xếp hoàn thành tốt nhiệm vụ",
    );
    // Cường has no number typed nor entered: not yet counted, not a revote (issue #17).
    expect(within(rowOf("Lê Văn Cường")).getByTestId("session-result")).toHaveTextContent(
      "Chưa nhập phiếu",
    );
    await userEvent.hover(within(binh).getByText("Q4"));
    expect(
      await screen.findByText("Q4: vượt tỷ lệ xuất sắc: xuống hoàn thành tốt nhiệm vụ"),
    ).toBeInTheDocument();
    expect(screen.getByTestId("quota-meter")).toHaveTextContent("1/1");
    const warnings = screen.getByTestId("session-warnings");
    expect(warnings).toHaveTextContent("Trần Thị Bình: Bằng phiếu tại ngưỡng");
    expect(warnings).not.toHaveTextContent("Lê Văn Cường");
  });

  it("saves a tally and shows a mismatch, then the confirmed state", async () => {
    startSession();
    let binh = rollMember(2, "Trần Thị Bình");
    const answers = [
      {
        state: "mismatch",
        entries: 2,
        mismatch: ["excellent", "good"],
        votes: { excellent: 2, good: 1, completed: 0, not_completed: 0 },
        entered_by_me: true,
      },
      {
        state: "confirmed",
        entries: 2,
        mismatch: [],
        votes: { excellent: 3, good: 0, completed: 0, not_completed: 0 },
        entered_by_me: true,
      },
    ];
    const api = sessionApi(() => json(votingSession({ roll: [roll[0], binh, roll[2]] })), {
      [previewPath]: () => json(preview()),
      [tallyPath]: () => {
        const tally = answers.shift();
        if (tally === undefined) throw new Error("one tally too many");
        binh = { ...binh, tally };
        return json(tally);
      },
    });
    renderApp("/voting-sessions/41");

    const row = () => rowOf("Trần Thị Bình");
    await screen.findByTestId("voting-roll");
    await userEvent.type(within(row()).getByLabelText("HTXS Trần Thị Bình"), "2");
    await userEvent.type(within(row()).getByLabelText("HTT Trần Thị Bình"), "1");
    await userEvent.click(within(row()).getByRole("button", { name: /Lưu Trần Thị Bình/ }));
    await waitFor(() => expect(api.requests(tallyPath)).toHaveLength(1));
    expect(await api.requests(tallyPath)[0].json()).toEqual({
      excellent: 2,
      good: 1,
      completed: 0,
      not_completed: 0,
    });
    expect(await within(row()).findByText("Lệch: HTXS, HTT")).toBeInTheDocument();

    // Corrected to the count on the minutes: both entries match.
    const excellent = within(row()).getByLabelText("HTXS Trần Thị Bình");
    await userEvent.type(excellent, "3", { initialSelectionStart: 0, initialSelectionEnd: 1 });
    const good = within(row()).getByLabelText("HTT Trần Thị Bình");
    await userEvent.type(good, "0", { initialSelectionStart: 0, initialSelectionEnd: 1 });
    await userEvent.click(within(row()).getByRole("button", { name: /Lưu Trần Thị Bình/ }));
    expect(await within(row()).findByText("Đã khớp")).toBeInTheDocument();
    expect(await api.requests(tallyPath)[1].json()).toEqual({
      excellent: 3,
      good: 0,
      completed: 0,
      not_completed: 0,
    });
    // A confirmed tally is no longer typed into.
    expect(within(row()).getByLabelText("HTXS Trần Thị Bình")).toBeDisabled();
  });

  it("tells the first person that the second entry is another's", async () => {
    startSession();
    const first = rollMember(2, "Trần Thị Bình", {
      tally: {
        state: "first_entry",
        entries: 1,
        mismatch: [],
        votes: { excellent: 3, good: 0, completed: 0, not_completed: 0 },
        entered_by_me: true,
      },
    });
    sessionApi(() => json(votingSession({ roll: [roll[0], first, roll[2]] })));
    renderApp("/voting-sessions/41");

    await screen.findByTestId("voting-roll");
    const row = rowOf("Trần Thị Bình");
    expect(within(row).getByText("Đã nhập lần 1")).toBeInTheDocument();
    expect(
      within(row).getByText("Lần nhập thứ hai phải do người khác thực hiện"),
    ).toBeInTheDocument();
    expect(within(row).getByLabelText("HTXS Trần Thị Bình")).toHaveValue("3");
  });

  it("saves who is present through the roll", async () => {
    startSession();
    const api = sessionApi(() => json(votingSession()), {
      "PUT /api/v1/voting-sessions/41/roll": () =>
        json(
          votingSession({
            voters_present: 2,
            denominator: 2,
            roll: [roll[0], roll[1], { ...roll[2], present: false }],
          }),
        ),
    });
    renderApp("/voting-sessions/41");

    await screen.findByTestId("voting-roll");
    await userEvent.click(screen.getByRole("checkbox", { name: "Có mặt Lê Văn Cường" }));
    await waitFor(() =>
      expect(api.requests("PUT /api/v1/voting-sessions/41/roll")).toHaveLength(1),
    );
    expect(await api.requests("PUT /api/v1/voting-sessions/41/roll")[0].json()).toEqual({
      members: [
        {
          member_id: 3,
          present: false,
          faults: false,
          leader_unit_rating: null,
          leader_party_org_rating: null,
        },
      ],
    });
    await waitFor(() =>
      expect(screen.getByRole("checkbox", { name: "Có mặt Lê Văn Cường" })).not.toBeChecked(),
    );
  });

  it("shows why finalizing was refused", async () => {
    startSession();
    const api = sessionApi(() => json(votingSession()), {
      "POST /api/v1/voting-sessions/41/finalize": () =>
        problem(
          409,
          "tallies_incomplete",
          "Chưa đủ hai lần nhập khớp nhau: Trần Thị Bình, Lê Văn Cường",
        ),
    });
    renderApp("/voting-sessions/41");

    await userEvent.click(await screen.findByRole("button", { name: /Chốt kết quả/ }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.click(within(dialog).getByRole("button", { name: "Chốt kết quả" }));
    await waitFor(() =>
      expect(api.requests("POST /api/v1/voting-sessions/41/finalize")).toHaveLength(1),
    );
    expect(await screen.findByTestId("session-problem")).toHaveTextContent(
      "Chưa đủ hai lần nhập khớp nhau: Trần Thị Bình, Lê Văn Cường",
    );
  });

  it("shows the stored results once finalized", async () => {
    startSession();
    sessionApi(() =>
      json(
        votingSession({
          status: "finalized",
          roll: roll.map((member) => ({
            ...member,
            tally: { ...member.tally, state: "confirmed" },
          })),
          results: [resultRecord()],
        }),
      ),
    );
    renderApp("/voting-sessions/41");

    const results = await screen.findByTestId("voting-results");
    expect(within(results).getByText("Trần Thị Bình")).toBeInTheDocument();
    expect(within(results).getByText("Đề xuất")).toBeInTheDocument();
    expect(within(results).getByText("Q4")).toBeInTheDocument();
    expect(screen.getByTestId("session-status")).toHaveTextContent("Đã chốt, chờ thẩm định");
    expect(screen.queryByRole("button", { name: /Chốt kết quả/ })).not.toBeInTheDocument();
  });

  describe("Q3: the branch's claim of a 20% quota", () => {
    const decisionPath = "PUT /api/v1/voting-sessions/41/outstanding-decision";
    const committeeApi = (extra: Record<string, Handler>) =>
      sessionApi(() => json(votingSession({ outstanding_unit: true, outstanding_decision: null })), {
        "GET /api/v1/auth/me": () =>
          json(meWith("committee", 20, "Đảng bộ Trường Đại học Sư phạm")),
        ...extra,
      });

    it("lets the committee approve it, then reads the session again", async () => {
      startSession();
      const api = committeeApi({
        [decisionPath]: () =>
          json(sessionSummary({ outstanding_unit: true, outstanding_decision: "approved" })),
      });
      renderApp("/voting-sessions/41");

      const alert = await screen.findByTestId("outstanding-decision");
      expect(alert).toHaveTextContent(
        "Đề nghị tỷ lệ xuất sắc 20% (Q3): chờ cấp ủy cơ sở phê duyệt; đang áp dụng 15%",
      );
      await userEvent.click(within(alert).getByRole("button", { name: "Phê duyệt 20%" }));
      await waitFor(() => expect(api.requests(decisionPath)).toHaveLength(1));
      expect(await api.requests(decisionPath)[0].json()).toEqual({ approved: true });
      await waitFor(() =>
        expect(api.requests("GET /api/v1/voting-sessions/41").length).toBeGreaterThan(1),
      );
    });

    it("sends a refusal and shows why the server declined it", async () => {
      startSession();
      const api = committeeApi({
        [decisionPath]: () =>
          problem(403, "forbidden", "Chỉ cấp ủy cơ sở điều hành đợt kiểm điểm được quyết định"),
      });
      renderApp("/voting-sessions/41");

      const alert = await screen.findByTestId("outstanding-decision");
      await userEvent.click(within(alert).getByRole("button", { name: "Không phê duyệt" }));
      await waitFor(() => expect(api.requests(decisionPath)).toHaveLength(1));
      expect(await api.requests(decisionPath)[0].json()).toEqual({ approved: false });
      expect(await screen.findByTestId("session-problem")).toHaveTextContent(
        "Chỉ cấp ủy cơ sở điều hành đợt kiểm điểm được quyết định",
      );
    });

    it("shows the decision to the branch without the buttons", async () => {
      startSession();
      sessionApi(() =>
        json(
          votingSession({
            outstanding_unit: true,
            outstanding_decision: "refused",
            outstanding_decided_by: "Trần Văn Bình",
          }),
        ),
      );
      renderApp("/voting-sessions/41");

      const alert = await screen.findByTestId("outstanding-decision");
      expect(alert).toHaveTextContent("Cấp ủy cơ sở không phê duyệt; áp dụng 15% (Q3)");
      expect(within(alert).queryByRole("button")).not.toBeInTheDocument();
    });

    it("shows nothing without the claim", async () => {
      startSession();
      sessionApi(() => json(votingSession()));
      renderApp("/voting-sessions/41");

      await screen.findByTestId("session-status");
      expect(screen.queryByTestId("outstanding-decision")).not.toBeInTheDocument();
    });
  });
});
