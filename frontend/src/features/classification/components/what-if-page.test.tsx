import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { PreviewRequest } from "@/lib/classification/preview";
import { preview } from "@/testing/classification";
import { toApiDay, todayInVietnam } from "@/lib/format";
import { json, meWith, problem, startSession, stubApi } from "@/testing/api";
import { renderApp } from "@/testing/render-app";

const previewPath = "POST /api/v1/classification/preview";

function whatIfApi(answer: (body: PreviewRequest) => Response) {
  return stubApi({
    "GET /api/v1/auth/me": () => json(meWith("branch_committee", 30, "Chi bộ Khoa Toán")),
    "GET /api/v1/notifications": () => json([]),
    "GET /api/v1/rule-sets": () => json([{ name: "vinh-2016" }]),
    [previewPath]: async (request) => answer((await request.clone().json()) as PreviewRequest),
  });
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

  it("is not offered to a plain member", async () => {
    startSession();
    stubApi({
      "GET /api/v1/auth/me": () => json(meWith("member", 30, "Chi bộ Khoa Toán")),
      "GET /api/v1/notifications": () => json([]),
    });
    renderApp("/what-if");

    expect(await screen.findByTestId("forbidden")).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Thử xếp loại" })).not.toBeInTheDocument();
  });
});
