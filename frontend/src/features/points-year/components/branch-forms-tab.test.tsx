import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  assessment,
  collectiveForm,
  member,
  memberPage,
  pointsCycle,
  progress,
  ruleSets,
  submitted,
} from "@/features/points-year/testing/fixtures";
import type { Cycle } from "@/features/points-year/api/points";
import { cycleList, json, meWith, paged, startSession, stubApi } from "@/testing/api";
import { renderApp } from "@/testing/render-app";

describe("the ways to a points form", () => {
  it("lists the branch's forms for the branch committee, to enter a paper one", async () => {
    startSession();
    stubApi({
      "GET /api/v1/auth/me": () => json(meWith("branch_committee", 30, "Chi bộ Khoa Toán")),
      "GET /api/v1/notifications": paged([]),
      "GET /api/v1/cycles/9": () => json(pointsCycle),
      "GET /api/v1/cycles/9/progress": () => json(progress()),
      "GET /api/v1/rule-sets": () => json(ruleSets()),
      "GET /api/v1/members": () =>
        json(memberPage([member(5, "Nguyễn Thị Lan"), member(6, "Trần Văn Bình")])),
      "GET /api/v1/cycles/9/members/5/point-assessment": () =>
        json(
          submitted({
            branch_review: {
              opinion: "Chi bộ thống nhất",
              proposed_level: "good",
              reviewed_by: "Lê Văn Bí",
              reviewed_at: "2026-12-05T03:00:00Z",
              vote: null,
            },
          }),
        ),
      "GET /api/v1/cycles/9/members/6/point-assessment": () =>
        json(assessment({ member_id: 6, member_name: "Trần Văn Bình" })),
      "GET /api/v1/cycles/9/organizations/30/point-assessment": () =>
        json(collectiveForm({ status: "draft" })),
    });
    renderApp("/cycles/9");

    await userEvent.click(await screen.findByRole("tab", { name: "Phiếu chấm điểm" }));
    // No ballot: neither voting nor the committee's board for a branch committee.
    expect(screen.queryByRole("tab", { name: "Bỏ phiếu" })).not.toBeInTheDocument();
    expect(screen.queryByRole("tab", { name: "Thẩm định và xếp loại" })).not.toBeInTheDocument();
    expect(screen.queryByRole("tab", { name: "Tập thể" })).not.toBeInTheDocument();
    const table = await screen.findByTestId("points-forms");
    const lan = (await within(table).findByText("Nguyễn Thị Lan")).closest("tr") as HTMLElement;
    expect(await within(lan).findByText("Đã nộp")).toBeInTheDocument();
    // The branch meeting recorded on it (S10 step 2).
    expect(within(lan).getByText("Chi bộ đã cho ý kiến")).toBeInTheDocument();
    expect(lan).toHaveTextContent("92,5");
    const binh = within(table).getByText("Trần Văn Bình").closest("tr") as HTMLElement;
    expect(await within(binh).findByText("Chưa bắt đầu")).toBeInTheDocument();
    expect(within(binh).queryByText("Chi bộ đã cho ý kiến")).not.toBeInTheDocument();

    expect(within(binh).getByText("Mở phiếu").closest("a")).toHaveAttribute(
      "href",
      "/cycles/9/points/6",
    );
    // The branch's own form as a collective (Mẫu 01), beside its members'.
    const own = screen.getByTestId("collective-form-link");
    expect(own).toHaveTextContent("Phiếu chấm điểm của chi bộ (Mẫu 01)");
    expect(await within(own).findByText("Bản nháp")).toBeInTheDocument();
    expect(within(own).getByText("Mở phiếu của chi bộ").closest("a")).toHaveAttribute(
      "href",
      "/cycles/9/collectives/30",
    );
  });

  it("leads a member from their review to their points form in a points cycle", async () => {
    startSession();
    stubApi({
      "GET /api/v1/auth/me": () =>
        json({ ...meWith("member", 30, "Chi bộ Khoa Toán"), member_id: 5, read_scopes: [] }),
      "GET /api/v1/notifications": paged([]),
      "GET /api/v1/cycles": cycleList([pointsCycle]),
      "GET /api/v1/cycles/9": () => json(pointsCycle),
      "GET /api/v1/rule-sets": () => json(ruleSets()),
      "GET /api/v1/cycles/9/suggestions": paged([]),
      "GET /api/v1/cycles/9/members/5/self-review": () =>
        json({
          cycle_id: 9,
          member_id: 5,
          member_name: "Nguyễn Thị Lan",
          on_behalf: false,
          status: "not_started",
          version: 0,
          return_comment: null,
          content: {},
        }),
      "GET /api/v1/cycles/9/members/5/point-assessment": () => json(assessment()),
    });
    renderApp("/my-review");

    const link = await screen.findByTestId("points-form-link");
    expect(link).toHaveTextContent("Đợt kiểm điểm này đánh giá bằng chấm điểm");
    await userEvent.click(within(link).getByText("Mở phiếu tự đánh giá, chấm điểm"));
    expect(await screen.findByTestId("points-status")).toHaveTextContent("Chưa bắt đầu");
    expect(screen.getByText("Phiếu tự đánh giá, chấm điểm — Nguyễn Thị Lan")).toBeInTheDocument();
  });

  it("opens no ballot when the rule set asks the branch to vote (S10: on each form)", async () => {
    startSession();
    const votingCycle: Cycle = {
      ...pointsCycle,
      rules: {
        name: "tinh-na-2026",
        method: "points",
        points: { branch_vote: true },
      } as unknown as Cycle["rules"],
    };
    stubApi({
      "GET /api/v1/auth/me": () => json(meWith("branch_committee", 30, "Chi bộ Khoa Toán")),
      "GET /api/v1/notifications": paged([]),
      "GET /api/v1/cycles/9": () => json(votingCycle),
      "GET /api/v1/cycles/9/progress": () => json(progress()),
      "GET /api/v1/rule-sets": () => json(ruleSets()),
      "GET /api/v1/members": () => json(memberPage([])),
      "GET /api/v1/cycles/9/organizations/30/point-assessment": () => json(collectiveForm()),
    });
    renderApp("/cycles/9");

    expect(await screen.findByRole("tab", { name: "Phiếu chấm điểm" })).toBeInTheDocument();
    expect(screen.queryByRole("tab", { name: "Bỏ phiếu" })).not.toBeInTheDocument();
  });
});
