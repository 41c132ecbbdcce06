import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { BranchClassificationInput } from "@/features/classification/api/branch-input";
import type { PreviewMember, PreviewRequest } from "@/lib/classification/preview";
import { preview } from "@/testing/classification";
import { toApiDay, todayInVietnam } from "@/lib/format";
import { cycleList, json, meWith, paged, problem, startSession, stubApi } from "@/testing/api";
import { renderApp } from "@/testing/render-app";

const previewPath = "POST /api/v1/classification/preview";
const branchInputPath = "GET /api/v1/cycles/5/branches/30/classification-input";

function whatIfApi(
  answer: (body: PreviewRequest) => Response,
  routes: Parameters<typeof stubApi>[0] = {},
) {
  return stubApi({
    "GET /api/v1/auth/me": () => json(meWith("branch_committee", 30, "Chi bộ Khoa Toán")),
    "GET /api/v1/notifications": paged([]),
    "GET /api/v1/rule-sets": () => json([{ name: "vinh-2016" }, { name: "vinh-2024" }]),
    [previewPath]: async (request) => answer((await request.clone().json()) as PreviewRequest),
    ...routes,
  });
}

/** A member as the server sends one for the what-if: every field, present, no votes. */
function branchMember(id: string, changes: Partial<PreviewMember> = {}): PreviewMember {
  return {
    id,
    status: "official",
    admitted_on: "2001-05-19",
    category: "civil_servant",
    exempt: false,
    attached: false,
    present: true,
    self_review_submitted: false,
    long_absence: false,
    discipline_in_force: false,
    faults: false,
    professional_rating: null,
    honours: [],
    attested_exemplary: false,
    leadership: null,
    votes: { excellent: 0, good: 0, completed: 0, not_completed: 0 },
    ...changes,
  };
}

const branchInput: BranchClassificationInput = {
  rule_set: "vinh-2024",
  reference_date: "2025-12-15",
  branch: { outstanding_unit: true },
  members: [
    branchMember("101", { self_review_submitted: true, professional_rating: "excellent" }),
    branchMember("102", {
      status: "probationary",
      admitted_on: "2025-08-01",
      category: "student",
    }),
  ],
  names: { "101": "Phạm Thị Hoa", "102": "Đỗ Minh Khang" },
};

function organization(id: number, kind: string, name: string, ancestorIds: number[]) {
  return {
    id,
    kind,
    name,
    code: `org-${id}`,
    parent_id: ancestorIds.at(-1) ?? null,
    ancestor_ids: ancestorIds,
    created_at: "2025-01-01T00:00:00Z",
    updated_at: "2025-01-01T00:00:00Z",
  };
}

/** Picks `option` in the antd Select labelled `label`. */
async function choose(label: string, option: string) {
  await userEvent.click(screen.getByLabelText(label));
  const options = await screen.findAllByTitle(option);
  await userEvent.click(options.at(-1) as HTMLElement);
}

function rowOf(name: string): HTMLElement {
  const table = screen.getByTestId("what-if-table");
  const input = within(table).getByDisplayValue(name);
  return input.closest("tr") as HTMLElement;
}

describe("what-if classification", () => {
  it("sends the example branch, then the votes as typed, and shows the results", async () => {
    startSession();
    const api = whatIfApi((body) =>
      json(
        preview(
          body.members[1].votes?.excellent === 2
            ? {
                warnings: [
                  { code: "M9-remedy", member_id: "2", message: "Cần ghi hạn khắc phục hạn chế" },
                ],
              }
            : {},
        ),
      ),
    );
    renderApp("/what-if");

    expect(await screen.findByRole("heading", { name: "Thử xếp loại" })).toBeInTheDocument();
    await waitFor(() => expect(api.requests(previewPath)).toHaveLength(1));
    const first = (await api.requests(previewPath)[0].json()) as PreviewRequest;
    expect(first).toMatchObject({
      rule_set: "vinh-2016",
      reference_date: toApiDay(todayInVietnam()),
      branch: { outstanding_unit: false },
    });
    expect(first.members).toHaveLength(3);
    expect(first.members[0]).toEqual({
      id: "1",
      status: "official",
      admitted_on: "2005-03-26",
      category: "civil_servant",
      exempt: false,
      attached: false,
      present: true,
      self_review_submitted: true,
      long_absence: false,
      discipline_in_force: false,
      faults: false,
      professional_rating: "excellent",
      honours: ["emulation_title"],
      attested_exemplary: false,
      leadership: { level: "grassroots", unit_rating: "excellent", party_org_rating: "clean_strong" },
      votes: { excellent: 2, good: 0, completed: 0, not_completed: 0 },
    });
    // The names stay in the browser.
    expect(JSON.stringify(first)).not.toContain("Nguyễn Văn An");

    // The header: D, the voters present and the quota meter.
    const summary = await screen.findByTestId("what-if-summary");
    expect(summary).toHaveTextContent("Mẫu số D2");
    expect(summary).toHaveTextContent("Có mặt biểu quyết2");
    const meter = within(summary).getByTestId("quota-meter");
    expect(meter).toHaveTextContent("1/1");
    expect(within(meter).getByText("Q2")).toBeInTheDocument();
    expect(within(meter).getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");

    // Bình fell to good by the quota: Q4 says why.
    const binh = rowOf("Trần Thị Bình");
    const binhResult = within(binh).getByTestId("what-if-result");
    expect(within(binhResult).getByText("Hoàn thành tốt nhiệm vụ")).toBeInTheDocument();
    expect(binhResult).toHaveTextContent("Mức cao nhất được xét: Hoàn thành tốt nhiệm vụ");
    const q4 = within(binhResult).getByText("Q4");
    await userEvent.hover(q4);
    expect(
      await screen.findByText("Q4: vượt tỷ lệ xuất sắc: xuống hoàn thành tốt nhiệm vụ"),
    ).toBeInTheDocument();
    expect(within(rowOf("Lê Văn Cường")).getByText("Không đánh giá")).toBeInTheDocument();

    // Typing a vote asks again, once, with the new count.
    const excellent = within(binh).getByLabelText("HTXS");
    // One keystroke replaces the 1 by a 2.
    await userEvent.type(excellent, "2", { initialSelectionStart: 0, initialSelectionEnd: 1 });
    await waitFor(() => expect(api.requests(previewPath)).toHaveLength(2), { timeout: 3000 });
    const second = (await api.requests(previewPath)[1].json()) as PreviewRequest;
    expect(second.members[1].votes).toEqual({
      excellent: 2,
      good: 1,
      completed: 0,
      not_completed: 0,
    });
    const warnings = await screen.findByTestId("what-if-warnings");
    expect(warnings).toHaveTextContent("Trần Thị Bình: Cần ghi hạn khắc phục hạn chế");
  });

  it("shows an invalid field on its row", async () => {
    startSession();
    whatIfApi(() =>
      problem(422, "validation", "Dữ liệu không hợp lệ", [
        {
          field: "members[2].votes",
          code: "too_many_ballots",
          message: "Số phiếu vượt số đảng viên có mặt biểu quyết",
        },
      ]),
    );
    renderApp("/what-if");

    const table = await screen.findByTestId("what-if-table");
    await within(table).findByText("Số phiếu vượt số đảng viên có mặt biểu quyết");
    const cuong = rowOf("Lê Văn Cường");
    expect(cuong).toHaveTextContent("Số phiếu vượt số đảng viên có mặt biểu quyết");
    expect(rowOf("Nguyễn Văn An")).not.toHaveTextContent("Số phiếu vượt");
    expect(screen.queryByTestId("what-if-summary")).not.toBeInTheDocument();
  });

  it("loads a branch's members, then sends them with the votes as typed", async () => {
    startSession();
    const api = whatIfApi(() => json(preview()), {
      "GET /api/v1/cycles": cycleList([{ id: 5, year: 2025, organization_id: 10, organization_name: "Đảng bộ Trường" }]),
      "GET /api/v1/organizations": () =>
        json({
          items: [organization(30, "branch", "Chi bộ Khoa Toán", [1, 10])],
          page: 1,
          per_page: 500,
          total: 1,
        }),
      [branchInputPath]: () => json(branchInput),
    });
    renderApp("/what-if");

    await waitFor(() => expect(api.requests(previewPath)).toHaveLength(1));
    await userEvent.click(await screen.findByRole("button", { name: /Lấy dữ liệu chi bộ/ }));
    const dialog = await screen.findByRole("dialog");
    await choose("Đợt kiểm điểm", "2025 — Đảng bộ Trường");
    await choose("Chi bộ", "Chi bộ Khoa Toán");
    const branches = new URL(api.requests("GET /api/v1/organizations")[0].url).searchParams;
    expect(Object.fromEntries(branches)).toEqual({ kind: "branch", under: "10", per_page: "500" });
    await userEvent.click(within(dialog).getByRole("button", { name: "Lấy dữ liệu" }));

    // The branch's members replace the example, by name.
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(rowOf("Phạm Thị Hoa")).toBeInTheDocument();
    expect(rowOf("Đỗ Minh Khang")).toBeInTheDocument();
    expect(screen.queryByDisplayValue("Nguyễn Văn An")).not.toBeInTheDocument();
    expect(screen.getByLabelText("Đảng bộ có thành tích đặc biệt xuất sắc")).toBeChecked();

    // The next request carries those members as the server sent them, and the cycle's rules.
    await waitFor(() => expect(api.requests(previewPath)).toHaveLength(2), { timeout: 3000 });
    const loaded = (await api.requests(previewPath)[1].json()) as PreviewRequest;
    expect(loaded).toEqual({
      rule_set: "vinh-2024",
      reference_date: "2025-12-15",
      branch: { outstanding_unit: true },
      members: branchInput.members,
    });

    // Votes typed on a loaded member go with the next request.
    const good = within(rowOf("Phạm Thị Hoa")).getByLabelText("HTT");
    await userEvent.type(good, "3", { initialSelectionStart: 0, initialSelectionEnd: 1 });
    await waitFor(() => expect(api.requests(previewPath)).toHaveLength(3), { timeout: 3000 });
    const typed = (await api.requests(previewPath)[2].json()) as PreviewRequest;
    expect(typed.members.map((member) => [member.id, member.votes])).toEqual([
      ["101", { excellent: 0, good: 3, completed: 0, not_completed: 0 }],
      ["102", { excellent: 0, good: 0, completed: 0, not_completed: 0 }],
    ]);
  });

  it("is not offered to a plain member", async () => {
    startSession();
    stubApi({
      "GET /api/v1/auth/me": () => json(meWith("member", 30, "Chi bộ Khoa Toán")),
      "GET /api/v1/notifications": paged([]),
    });
    renderApp("/what-if");

    expect(await screen.findByTestId("forbidden")).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Thử xếp loại" })).not.toBeInTheDocument();
  });
});
