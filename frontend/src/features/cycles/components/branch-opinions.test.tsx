import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { BranchOpinion } from "@/features/cycles/api/branch-opinions";
import { counts, cycle, planTabRoutes } from "@/features/cycles/testing/fixtures";
import { json, meWith, paged, problem, startSession, stubApi } from "@/testing/api";
import { renderApp } from "@/testing/render-app";
import { openSelect } from "@/testing/select";

const opinionsPath = "/api/v1/cycles/9/branch-opinions";
const committee = meWith("committee", 20, "Đảng bộ Trường Đại học Sư phạm");
const branchCommittee = meWith("branch_committee", 30, "Chi bộ Khoa Toán");

function opinion(overrides: Partial<BranchOpinion> = {}): BranchOpinion {
  return {
    branch_id: 30,
    branch_name: "Chi bộ Khoa Toán",
    opinion: null,
    proposed_level: null,
    version: 0,
    updated_by: null,
    updated_at: null,
    ...overrides,
  };
}

type Handler = (request: Request) => Response | Promise<Response>;

function opinionsApi(me: typeof committee, extra: Record<string, Handler>) {
  return stubApi({
    "GET /api/v1/auth/me": () => json(me),
    "GET /api/v1/notifications": paged([]),
    "GET /api/v1/cycles/9": () => json(cycle),
    "GET /api/v1/cycles/9/progress": () =>
      json({
        cycle_id: 9,
        as_of: "2026-11-20",
        self_reviews_due: "2026-11-09",
        branches: [],
        bases: [],
        districts: [],
        total: counts({ members: 0 }),
      }),
    // The plan tab's other sections: empty or refused.
    ...planTabRoutes(),
    ...extra,
  });
}

async function openTab() {
  renderApp("/cycles/9");
  await userEvent.click(await screen.findByRole("tab", { name: "Kế hoạch" }));
}

describe("branches' opinions on the base's self-review (II.2.3)", () => {
  it("lets a branch committee write its opinion and proposed level, first on version 0", async () => {
    startSession();
    let saved: BranchOpinion | null = null;
    const api = opinionsApi(branchCommittee, {
      [`GET ${opinionsPath}`]: () => json([saved ?? opinion()]),
      [`PUT ${opinionsPath}/30`]: async (request) => {
        const body = (await request.clone().json()) as { opinion: string; proposed_level: string };
        saved = opinion({
          opinion: body.opinion,
          proposed_level: body.proposed_level,
          version: 1,
          updated_by: "Nguyễn Văn An",
          updated_at: "2026-11-25T03:00:00Z",
        });
        return json(saved);
      },
    });
    await openTab();

    const card = await screen.findByTestId("branch-opinion-30");
    expect(
      screen.getByText("Ý kiến của các chi bộ về bản kiểm điểm của đảng bộ (II.2.3)"),
    ).toBeInTheDocument();
    await userEvent.type(
      within(card).getByLabelText("Ý kiến của chi bộ"),
      "Bản kiểm điểm phản ánh đúng tình hình",
    );
    const dropdown = await openSelect(within(card).getByLabelText("Đề xuất mức xếp loại"));
    await userEvent.click(within(dropdown).getByTitle("Hoàn thành tốt nhiệm vụ"));
    await userEvent.click(within(card).getByRole("button", { name: "Lưu ý kiến" }));

    expect(await screen.findByText("Đã lưu ý kiến của chi bộ")).toBeInTheDocument();
    const [request] = api.requests(`PUT ${opinionsPath}/30`);
    expect(await request.json()).toEqual({
      version: 0,
      opinion: "Bản kiểm điểm phản ánh đúng tình hình",
      proposed_level: "good",
    });
    expect(await within(card).findByText("Nguyễn Văn An, 25/11/2026 10:00")).toBeInTheDocument();
  });

  it("shows a missing opinion under its field (422) and asks to reload when stale (412)", async () => {
    startSession();
    let attempts = 0;
    opinionsApi(branchCommittee, {
      [`GET ${opinionsPath}`]: () =>
        json([
          opinion({
            opinion: "Ý kiến cũ",
            version: 2,
            updated_by: "Trần Văn B",
            updated_at: "2026-11-24T03:00:00Z",
          }),
        ]),
      [`PUT ${opinionsPath}/30`]: () => {
        attempts += 1;
        return attempts === 1
          ? problem(422, "validation", "Dữ liệu không hợp lệ", [
              { field: "opinion", code: "required", message: "Cần ghi ý kiến của chi bộ" },
            ])
          : problem(412, "stale", "Ý kiến đã được sửa");
      },
    });
    await openTab();

    const card = await screen.findByTestId("branch-opinion-30");
    const field = within(card).getByLabelText("Ý kiến của chi bộ");
    expect(field).toHaveValue("Ý kiến cũ");
    await userEvent.type(field, " thêm");
    await userEvent.click(within(card).getByRole("button", { name: "Lưu ý kiến" }));
    const invalid = await within(card).findByText("Cần ghi ý kiến của chi bộ");
    expect(invalid.closest(".ant-form-item")).toContainElement(field);

    await userEvent.click(within(card).getByRole("button", { name: "Lưu ý kiến" }));
    expect(
      await within(card).findByText("Ý kiến vừa được người khác sửa; hãy tải lại rồi lưu"),
    ).toBeInTheDocument();
  });

  it("shows the base committee every branch, the missing ones and the count", async () => {
    startSession();
    opinionsApi(committee, {
      [`GET ${opinionsPath}`]: () =>
        json([
          opinion({
            opinion: "Đồng ý với bản kiểm điểm",
            proposed_level: "clean_strong",
            version: 1,
            updated_by: "Trần Văn B",
            updated_at: "2026-11-25T03:00:00Z",
          }),
          opinion({ branch_id: 31, branch_name: "Chi bộ Khoa Văn" }),
          opinion({
            branch_id: 32,
            branch_name: "Chi bộ Khoa Lý",
            opinion: "Cần bổ sung hạn chế",
            proposed_level: "good",
            version: 1,
            updated_by: "Lê Văn D",
            updated_at: "2026-11-26T03:00:00Z",
          }),
        ]),
    });
    await openTab();

    expect(await screen.findByTestId("branch-opinions-count")).toHaveTextContent(
      "2/3 chi bộ đã góp ý",
    );
    const missing = screen.getByText("Chi bộ Khoa Văn").closest("tr") as HTMLElement;
    expect(within(missing).getByText("Chưa có ý kiến")).toBeInTheDocument();
    const given = screen.getByText("Chi bộ Khoa Toán").closest("tr") as HTMLElement;
    expect(within(given).getByText("Trong sạch vững mạnh")).toBeInTheDocument();
    expect(within(given).queryByText("Chưa có ý kiến")).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Lưu ý kiến" })).not.toBeInTheDocument();
  });

  it("renders nothing when the API refuses (403)", async () => {
    startSession();
    const api = opinionsApi(meWith("inspection", 20, "Ủy ban Kiểm tra"), {
      [`GET ${opinionsPath}`]: () => problem(403, "forbidden", "Không có quyền"),
    });
    await openTab();

    await waitFor(() => expect(api.requests(`GET ${opinionsPath}`)).toHaveLength(1));
    await waitFor(() =>
      expect(
        screen.queryByText("Ý kiến của các chi bộ về bản kiểm điểm của đảng bộ (II.2.3)"),
      ).not.toBeInTheDocument(),
    );
    expect(screen.queryByTestId("branch-opinions")).not.toBeInTheDocument();
  });
});
