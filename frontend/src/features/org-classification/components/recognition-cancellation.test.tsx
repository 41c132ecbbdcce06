import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type {
  Cancellation,
  OrgAssessment,
} from "@/features/org-classification/api/org-classification";
import { OrgClassificationPage } from "@/features/org-classification/components/org-classification-page";
import {
  assessment,
  cycle,
  overview,
  ruleSet,
} from "@/features/org-classification/testing/fixtures";
import { toApiDay, todayInVietnam } from "@/lib/format";
import { renderPage } from "@/testing/render-page";
import { cycleList, json, meWith, problem, startSession, stubApi } from "@/testing/api";
import { openSelect, optionTitles } from "@/testing/select";

type Handler = (request: Request) => Response | Promise<Response>;

const overviewPath = "GET /api/v1/organization-classification";
const sheetPath = "/api/v1/cycles/9/organizations/30/assessment";
const cancellationsPath = `${sheetPath}/cancellations`;
const baseCommittee = meWith("committee", 10, "Đảng bộ Trường Đại học Vinh");
const branchCommittee = meWith("branch_committee", 30, "Chi bộ Khoa Toán");

/** Chi bộ Khoa Toán, reviewed clean_strong and exemplary by the base committee. */
const recognised = assessment(
  {
    organization_id: 30,
    name: "Chi bộ Khoa Toán",
    status: "reviewed",
    level: "clean_strong",
    exemplary: true,
  },
  { self: [15, 28, 18, 14, 17], superior: [15, 27, 18, 14, 17] },
);

function decision(changes: Partial<Cancellation> = {}): Cancellation {
  return {
    id: 1,
    organization_id: 30,
    year: 2026,
    earlier_level: "clean_strong",
    earlier_exemplary: true,
    level: "good",
    exemplary: false,
    reason: "Phát hiện vi phạm trong công tác tài chính",
    decision_number: "15-QĐ/TU",
    decided_on: "2027-01-15",
    decided_by: "Trần Thị Bình",
    recorded_at: "2027-01-15T03:00:00Z",
    ...changes,
  };
}

function orgApi(routes: Record<string, Handler>) {
  return stubApi({
    "GET /api/v1/cycles": cycleList([cycle]),
    "GET /api/v1/rule-sets": () => json([ruleSet()]),
    [overviewPath]: () => json(overview({ organizations: [recognised] })),
    ...routes,
  });
}

/** The base committee opens Chi bộ Khoa Toán's sheet from the overview. */
async function openSheetAsReviewer(): Promise<HTMLElement> {
  renderPage(<OrgClassificationPage me={baseCommittee} />);
  const table = await screen.findByTestId("org-classification-table");
  await userEvent.click(within(table).getByRole("button", { name: "Chi bộ Khoa Toán" }));
  const drawer = await screen.findByRole("dialog");
  await within(drawer).findByText("Bảng điểm tự đánh giá — Chi bộ Khoa Toán");
  return drawer;
}

async function openCancelModal(drawer: HTMLElement): Promise<HTMLElement> {
  await userEvent.click(within(drawer).getByRole("button", { name: "Hủy công nhận (O5)" }));
  const title = await screen.findByText("Hủy công nhận kết quả xếp loại (O5) — Chi bộ Khoa Toán");
  return title.closest(".ant-modal") as HTMLElement;
}

async function chooseLevel(modal: HTMLElement, title: string) {
  const dropdown = await openSelect(within(modal).getByLabelText("Mức xếp loại theo quyết định"));
  await userEvent.click(within(dropdown).getByTitle(title));
}

async function fillDecision(modal: HTMLElement) {
  await userEvent.type(
    within(modal).getByLabelText("Lý do hủy công nhận"),
    "Phát hiện vi phạm trong công tác tài chính",
  );
  await userEvent.type(within(modal).getByLabelText("Số quyết định"), "15-QĐ/TU");
}

describe("cancelling an organisation's recognition (O5)", () => {
  it("offers the cancellation to the reviewing committee, not to the organisation's own", async () => {
    startSession();
    orgApi({
      [`GET ${sheetPath}`]: () => json(recognised),
      [`GET ${cancellationsPath}`]: () => json([]),
    });
    const view = renderPage(<OrgClassificationPage me={baseCommittee} />);
    const table = await screen.findByTestId("org-classification-table");
    await userEvent.click(within(table).getByRole("button", { name: "Chi bộ Khoa Toán" }));
    const drawer = await screen.findByRole("dialog");
    expect(
      await within(drawer).findByRole("button", { name: "Hủy công nhận (O5)" }),
    ).toBeInTheDocument();
    // No decision yet: no section, no tag.
    expect(within(drawer).queryByText("Quyết định hủy công nhận")).not.toBeInTheDocument();
    expect(within(drawer).queryByText(/Đã điều chỉnh theo QĐ/)).not.toBeInTheDocument();

    // The levels a decision may give: lower ones, or clean_strong without the exemplary title.
    const modal = await openCancelModal(drawer);
    expect(within(modal).getByText(/bảng điểm không chấm lại được nữa/)).toBeInTheDocument();
    const dropdown = await openSelect(
      within(modal).getByLabelText("Mức xếp loại theo quyết định"),
    );
    expect(optionTitles(dropdown)).toEqual([
      "Trong sạch vững mạnh, bỏ danh hiệu tiêu biểu",
      "Hoàn thành tốt nhiệm vụ",
      "Hoàn thành nhiệm vụ",
      "Yếu kém",
    ]);
    view.unmount();

    // The branch committee sees its own reviewed sheet, without the button.
    orgApi({
      [overviewPath]: () =>
        problem(403, "forbidden", "Chỉ cấp ủy của tổ chức xem xếp loại các tổ chức trực thuộc"),
      [`GET ${sheetPath}`]: () => json(recognised),
      [`GET ${cancellationsPath}`]: () => json([]),
    });
    renderPage(<OrgClassificationPage me={branchCommittee} />);
    await userEvent.click(
      await screen.findByRole("button", { name: /Chấm điểm của tổ chức mình/ }),
    );
    const own = await screen.findByRole("dialog");
    expect(
      await within(own).findByText("Cấp trên đã chấm; điểm tự đánh giá không sửa được nữa."),
    ).toBeInTheDocument();
    expect(within(own).queryByRole("button", { name: "Hủy công nhận (O5)" })).toBeNull();
  });

  it("sends the decision and then lists it, with a tag by the level", async () => {
    startSession();
    let sheet: OrgAssessment = recognised;
    let decisions: Cancellation[] = [];
    const api = orgApi({
      [`GET ${sheetPath}`]: () => json(sheet),
      [`GET ${cancellationsPath}`]: () => json(decisions),
      [`POST ${cancellationsPath}`]: () => {
        sheet = { ...recognised, level: "good", exemplary: false };
        decisions = [decision({ decided_on: toApiDay(todayInVietnam()) })];
        return json(sheet);
      },
    });
    const drawer = await openSheetAsReviewer();
    const modal = await openCancelModal(drawer);
    await chooseLevel(modal, "Hoàn thành tốt nhiệm vụ");
    await fillDecision(modal);
    await userEvent.click(within(modal).getByRole("button", { name: "Hủy công nhận" }));

    await waitFor(() => expect(api.requests(`POST ${cancellationsPath}`)).toHaveLength(1));
    expect(await api.requests(`POST ${cancellationsPath}`)[0].json()).toEqual({
      level: "good",
      exemplary: false,
      reason: "Phát hiện vi phạm trong công tác tài chính",
      decision_number: "15-QĐ/TU",
      decided_on: toApiDay(todayInVietnam()),
    });
    const list = await within(drawer).findByTestId("cancellations-table");
    expect(within(drawer).getByText("Quyết định hủy công nhận")).toBeInTheDocument();
    expect(list).toHaveTextContent("15-QĐ/TU");
    expect(list).toHaveTextContent(todayInVietnam().format("DD/MM/YYYY"));
    expect(list).toHaveTextContent(
      "Từ Trong sạch vững mạnh (tiêu biểu) xuống Hoàn thành tốt nhiệm vụ",
    );
    expect(list).toHaveTextContent("Trần Thị Bình");
    expect(await within(drawer).findByText("Đã điều chỉnh theo QĐ 15-QĐ/TU")).toBeInTheDocument();
    // The sheet now has the decided level, without the title.
    expect(within(drawer).queryByText("Tiêu biểu")).not.toBeInTheDocument();
    await waitFor(() =>
      expect(
        screen.queryByText("Hủy công nhận kết quả xếp loại (O5) — Chi bộ Khoa Toán"),
      ).not.toBeInTheDocument(),
    );
  });

  it("shows a 422 not_lower under the level and a 409 above the form", async () => {
    startSession();
    let answer = () =>
      problem(422, "validation", "Dữ liệu không hợp lệ", [
        {
          field: "level",
          code: "not_lower",
          message: "Mức theo quyết định phải thấp hơn mức đã công nhận",
        },
      ]);
    orgApi({
      [`GET ${sheetPath}`]: () => json(recognised),
      [`GET ${cancellationsPath}`]: () => json([]),
      [`POST ${cancellationsPath}`]: () => answer(),
    });
    const drawer = await openSheetAsReviewer();
    const modal = await openCancelModal(drawer);
    await chooseLevel(modal, "Trong sạch vững mạnh, bỏ danh hiệu tiêu biểu");
    await fillDecision(modal);
    await userEvent.click(within(modal).getByRole("button", { name: "Hủy công nhận" }));

    const refused = await within(modal).findByText(
      "Mức theo quyết định phải thấp hơn mức đã công nhận",
    );
    const item = refused.closest(".ant-form-item") as HTMLElement;
    expect(within(item).getByText("Mức xếp loại theo quyết định")).toBeInTheDocument();
    // Placed under its field, the refusal leaves nothing for the whole form.
    expect(modal.querySelector(".ant-alert-error")).toBeNull();

    answer = () =>
      problem(409, "changed", "Bảng điểm đã thay đổi; tải lại trước khi quyết định");
    await userEvent.click(within(modal).getByRole("button", { name: "Hủy công nhận" }));
    const conflict = await within(modal).findByText(
      "Bảng điểm đã thay đổi; tải lại trước khi quyết định",
    );
    expect(conflict.closest("[role=alert]")).toHaveClass("ant-alert-error");
  });

  it("lists the decisions with their dates as dd/mm/yyyy", async () => {
    startSession();
    orgApi({
      [`GET ${sheetPath}`]: () =>
        json({ ...recognised, level: "clean_strong", exemplary: false }),
      [`GET ${cancellationsPath}`]: () =>
        json([
          decision({ level: "clean_strong", exemplary: false }),
          decision({
            id: 2,
            earlier_level: "clean_strong",
            earlier_exemplary: false,
            level: "completed",
            decision_number: "22-QĐ/TU",
            decided_on: "2027-03-02",
            reason: "Tiếp tục phát hiện sai phạm",
          }),
        ]),
    });
    const drawer = await openSheetAsReviewer();

    const list = await within(drawer).findByTestId("cancellations-table");
    const rows = within(list)
      .getAllByRole("row")
      .slice(1)
      .map((row) => within(row).getAllByRole("cell").map((cell) => cell.textContent));
    expect(rows).toEqual([
      [
        "15-QĐ/TU",
        "15/01/2027",
        "Từ Trong sạch vững mạnh (tiêu biểu) xuống Trong sạch vững mạnh",
        "Phát hiện vi phạm trong công tác tài chính",
        "Trần Thị Bình",
      ],
      [
        "22-QĐ/TU",
        "02/03/2027",
        "Từ Trong sạch vững mạnh xuống Hoàn thành nhiệm vụ",
        "Tiếp tục phát hiện sai phạm",
        "Trần Thị Bình",
      ],
    ]);
    // The tag names the latest decision.
    expect(within(drawer).getByText("Đã điều chỉnh theo QĐ 22-QĐ/TU")).toBeInTheDocument();
  });
});
