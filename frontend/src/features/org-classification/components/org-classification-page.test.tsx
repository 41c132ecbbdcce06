import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { OrgClassificationPage } from "@/features/org-classification/components/org-classification-page";
import {
  assessment,
  cycle,
  overview,
  ruleSet,
} from "@/features/org-classification/testing/fixtures";
import { renderPage } from "@/testing/render-page";
import { cycleList, json, meWith, problem, startSession, stubApi } from "@/testing/api";

type Handler = (request: Request) => Response | Promise<Response>;

const overviewPath = "GET /api/v1/organization-classification";
const sheetPath = "/api/v1/cycles/9/organizations/30/assessment";
const reviewPath = `${sheetPath}/review`;
const baseCommittee = meWith("committee", 10, "Đảng bộ Trường Đại học Vinh");
const branchCommittee = meWith("branch_committee", 30, "Chi bộ Khoa Toán");

const toan = assessment(
  {
    organization_id: 30,
    name: "Chi bộ Khoa Toán",
    status: "reviewed",
    level: "clean_strong",
    exemplary: true,
    unit_rating: "outstanding",
  },
  { self: [15, 28, 18, 14, 17], superior: [15, 27, 18, 14, 17] },
);
const ly = assessment(
  { organization_id: 31, name: "Chi bộ Khoa Vật lý", status: "reviewed", level: "good" },
  { self: [12, 25, 15, 12, 16], superior: [12, 24, 15, 12, 15] },
);
const hoa = assessment(
  { organization_id: 32, name: "Chi bộ Khoa Hóa", status: "submitted" },
  { self: [13, 25, 16, 12, 14] },
);

function orgApi(routes: Record<string, Handler>) {
  return stubApi({
    "GET /api/v1/cycles": cycleList([cycle]),
    "GET /api/v1/rule-sets": () => json([ruleSet()]),
    ...routes,
  });
}

function rowOf(table: HTMLElement, name: string): HTMLElement {
  return within(table).getByText(name).closest("tr") as HTMLElement;
}

// The sheet names each criterion by its title (the rule set's code is no word to show).
const criterionTitles: Record<string, string> = {
  politics: "Giáo dục chính trị, tư tưởng",
  leadership: "Lãnh đạo thực hiện nhiệm vụ chính trị của đơn vị",
  organisation: "Công tác tổ chức, cán bộ và đảng viên",
  inspection: "Công tác kiểm tra, giám sát và kỷ luật đảng",
  mass: "Lãnh đạo chính quyền, Mặt trận và các đoàn thể",
};

function pointsLabel(code: string): string {
  return `Điểm: ${criterionTitles[code]}`;
}

function criterionRow(code: string): HTMLElement {
  const table = screen.getByTestId("sheet-table");
  return within(table).getByLabelText(pointsLabel(code)).closest("tr") as HTMLElement;
}

async function typePoints(values: Record<string, number>) {
  for (const [code, points] of Object.entries(values)) {
    const input = screen.getByLabelText(pointsLabel(code));
    await userEvent.clear(input);
    await userEvent.type(input, String(points));
  }
}

describe("organisations' classification", () => {
  it("shows each organisation's points, level and status, the counters and the O2 warning", async () => {
    startSession();
    const api = orgApi({
      [overviewPath]: () =>
        json(
          overview({
            organizations: [toan, ly, hoa],
            classified: 2,
            clean_strong: 1,
            exemplary: 1,
            good: 1,
            units_rated: 1,
            units_outstanding: 1,
            warnings: [
              {
                rule: "O2",
                message: "Số tổ chức trong sạch vững mạnh vượt 50% số tổ chức được xếp loại",
              },
            ],
          }),
        ),
    });
    renderPage(<OrgClassificationPage me={baseCommittee} />);

    const table = await screen.findByTestId("org-classification-table");
    const request = api.requests(overviewPath)[0];
    expect(new URL(request.url).searchParams.toString()).toBe("organization_id=10&year=2026");
    expect(screen.getByLabelText("Đợt kiểm điểm")).toBeInTheDocument();
    expect(
      screen.getByText("Đảng bộ Trường Đại học Vinh — năm 2026 (vinh-2016)"),
    ).toBeInTheDocument();

    const toanCells = within(rowOf(table, "Chi bộ Khoa Toán"))
      .getAllByRole("cell")
      .map((cell) => cell.textContent);
    expect(toanCells).toEqual([
      "Chi bộ Khoa Toán",
      "92/100",
      "91/100",
      "Trong sạch vững mạnhTiêu biểu",
      "Xuất sắc",
      "Cấp trên đã chấm",
    ]);
    const lyRow = rowOf(table, "Chi bộ Khoa Vật lý");
    expect(within(lyRow).getByText("Hoàn thành tốt nhiệm vụ")).toBeInTheDocument();
    expect(within(lyRow).queryByText("Tiêu biểu")).not.toBeInTheDocument();
    const hoaRow = rowOf(table, "Chi bộ Khoa Hóa");
    expect(within(hoaRow).getByText("Đã tự chấm")).toBeInTheDocument();
    expect(within(hoaRow).getAllByRole("cell")[3]).toHaveTextContent(/^$/);

    const counters = screen.getByTestId("org-counters");
    expect(counters).toHaveTextContent("Đã xếp loại2");
    expect(counters).toHaveTextContent("Trong sạch vững mạnh1");
    expect(counters).toHaveTextContent("Đơn vị xuất sắc / được xếp loại1/1");
    const warnings = screen.getByTestId("org-warnings");
    expect(within(warnings).getByText("O2")).toBeInTheDocument();
    expect(warnings).toHaveTextContent(
      "Số tổ chức trong sạch vững mạnh vượt 50% số tổ chức được xếp loại",
    );
    // A base committee scores its own base from its cycle too.
    expect(screen.getByRole("button", { name: /Chấm điểm của tổ chức mình/ })).toBeInTheDocument();
  });

  it("lets a branch committee score its own branch and shows a refused point under its criterion", async () => {
    startSession();
    const api = orgApi({
      [overviewPath]: () =>
        problem(403, "forbidden", "Chỉ cấp ủy của tổ chức xem xếp loại các tổ chức trực thuộc"),
      [`GET ${sheetPath}`]: () =>
        json(assessment({ organization_id: 30, name: "Chi bộ Khoa Toán" })),
      [`PUT ${sheetPath}`]: () =>
        problem(422, "validation", "Dữ liệu không hợp lệ", [
          {
            field: "self_points.leadership",
            code: "over_max",
            message: "Điểm vượt mức tối đa của tiêu chí",
          },
        ]),
    });
    renderPage(<OrgClassificationPage me={branchCommittee} />);

    // The overview is the base committee's: the branch committee goes to its own sheet.
    expect(
      await screen.findByText("Chỉ cấp ủy của tổ chức xem xếp loại các tổ chức trực thuộc"),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: /Chấm điểm của tổ chức mình/ }));
    const drawer = await screen.findByRole("dialog");
    expect(
      await within(drawer).findByText("Bảng điểm tự đánh giá — Chi bộ Khoa Toán"),
    ).toBeInTheDocument();
    expect(within(drawer).getByText("Tổ chức tự chấm điểm.")).toBeInTheDocument();

    await typePoints({ politics: 15, leadership: 28, organisation: 18, inspection: 14, mass: 17 });
    const total = within(drawer).getByTestId("sheet-total");
    expect(total).toHaveTextContent("92/100");
    expect(within(total).getByText("Trong sạch vững mạnh")).toBeInTheDocument();
    // Only the committee above marks an organisation exemplary.
    expect(within(drawer).queryByRole("checkbox")).not.toBeInTheDocument();
    await userEvent.clear(screen.getByLabelText(pointsLabel("mass")));
    await userEvent.type(screen.getByLabelText(pointsLabel("mass")), "5");
    expect(total).toHaveTextContent("80/100");
    expect(within(total).getByText("Hoàn thành tốt nhiệm vụ")).toBeInTheDocument();

    await userEvent.click(within(drawer).getByLabelText("Xếp loại đơn vị (O3)"));
    const options = await screen.findAllByTitle("Tốt");
    await userEvent.click(options.at(-1) as HTMLElement);
    await userEvent.click(within(drawer).getByRole("button", { name: "Lưu điểm" }));

    await waitFor(() => expect(api.requests(`PUT ${sheetPath}`)).toHaveLength(1));
    expect(await api.requests(`PUT ${sheetPath}`)[0].json()).toEqual({
      self_points: { politics: 15, leadership: 28, organisation: 18, inspection: 14, mass: 5 },
      unit_rating: "good",
    });
    expect(await screen.findByText("Điểm vượt mức tối đa của tiêu chí")).toBeInTheDocument();
    expect(criterionRow("leadership")).toHaveTextContent("Điểm vượt mức tối đa của tiêu chí");
    expect(criterionRow("politics")).not.toHaveTextContent("Điểm vượt mức");
  });

  it("lets the committee above review a branch and mark it exemplary, and shows a 409", async () => {
    startSession();
    const api = orgApi({
      [overviewPath]: () =>
        json(overview({ organizations: [{ ...hoa, organization_id: 30, name: "Chi bộ Khoa Toán" }] })),
      [`GET ${sheetPath}`]: () =>
        json(
          assessment(
            { organization_id: 30, name: "Chi bộ Khoa Toán", status: "submitted" },
            { self: [15, 28, 18, 14, 17] },
          ),
        ),
      [`PUT ${reviewPath}`]: () => problem(409, "cycle_closed", "Đợt kiểm điểm đã kết thúc"),
    });
    renderPage(<OrgClassificationPage me={baseCommittee} />);

    const table = await screen.findByTestId("org-classification-table");
    await userEvent.click(within(table).getByRole("button", { name: "Chi bộ Khoa Toán" }));
    const drawer = await screen.findByRole("dialog");
    expect(
      await within(drawer).findByText(
        "Cấp ủy cấp trên chấm điểm; điểm của cấp trên quyết định mức xếp loại.",
      ),
    ).toBeInTheDocument();
    // The superior starts from the organisation's own points, shown beside.
    expect(screen.getByLabelText(pointsLabel("leadership"))).toHaveValue("28");
    const total = within(drawer).getByTestId("sheet-total");
    expect(total).toHaveTextContent("92/100");

    // Below 90 the organisation is no longer clean_strong, and cannot be exemplary (O1).
    await typePoints({ leadership: 20 });
    expect(within(total).getByText("Hoàn thành tốt nhiệm vụ")).toBeInTheDocument();
    expect(within(drawer).queryByLabelText("Tổ chức trong sạch vững mạnh tiêu biểu")).toBeNull();
    await typePoints({ leadership: 27 });
    expect(total).toHaveTextContent("91/100");
    await userEvent.click(within(drawer).getByLabelText("Tổ chức trong sạch vững mạnh tiêu biểu"));
    await userEvent.click(within(drawer).getByRole("button", { name: "Lưu điểm" }));

    await waitFor(() => expect(api.requests(`PUT ${reviewPath}`)).toHaveLength(1));
    expect(await api.requests(`PUT ${reviewPath}`)[0].json()).toEqual({
      superior_points: { politics: 15, leadership: 27, organisation: 18, inspection: 14, mass: 17 },
      exemplary: true,
      unit_rating: null,
    });
    const refused = await within(drawer).findByText("Đợt kiểm điểm đã kết thúc");
    expect(refused.closest("[role=alert]")).toHaveClass("ant-alert-error");
  });

  it("lets the city score the base's own sheet from the base's cycle (issue #17)", async () => {
    startSession();
    const baseSheet = "/api/v1/cycles/9/organizations/10/assessment";
    const api = orgApi({
      [overviewPath]: () => json(overview({ organizations: [toan] })),
      [`GET ${baseSheet}`]: () =>
        json(
          assessment(
            { organization_id: 10, name: "Đảng bộ Trường Đại học Vinh", status: "submitted" },
            { self: [15, 28, 18, 14, 17] },
          ),
        ),
    });
    renderPage(<OrgClassificationPage me={meWith("committee", 5, "Thành ủy Vinh")} />);

    await userEvent.click(
      await screen.findByRole("button", {
        name: /Chấm phiếu tự đánh giá của Đảng bộ Trường Đại học Vinh/,
      }),
    );
    const drawer = await screen.findByRole("dialog");
    expect(
      await within(drawer).findByText(
        "Cấp ủy cấp trên chấm điểm; điểm của cấp trên quyết định mức xếp loại.",
      ),
    ).toBeInTheDocument();
    expect(api.requests(`GET ${baseSheet}`).length).toBeGreaterThan(0);
  });

  it("does not offer a base committee to score its own sheet as the superior", async () => {
    startSession();
    orgApi({ [overviewPath]: () => json(overview({ organizations: [toan] })) });
    renderPage(<OrgClassificationPage me={baseCommittee} />);
    await screen.findByTestId("org-classification-table");
    expect(screen.queryByRole("button", { name: /Chấm phiếu tự đánh giá/ })).toBeNull();
    expect(screen.getByRole("button", { name: /Chấm điểm của tổ chức mình/ })).toBeInTheDocument();
  });
});
