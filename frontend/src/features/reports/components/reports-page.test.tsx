import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { components } from "@/api/schema";
import type { MemberCounts, Statistics } from "@/features/reports/api/statistics";
import { ReportsPage } from "@/features/reports/components/reports-page";
import { todayInVietnam } from "@/lib/format";
import { bearer, cycleList, json, startSession, stubApi } from "@/testing/api";
import { captureDownloads } from "@/testing/download";
import { renderPage } from "@/testing/render-page";

type OrgNode = components["schemas"]["OrganizationNode"];

const year = todayInVietnam().year();
const statisticsPath = "GET /api/v1/reports/statistics";

const base: OrgNode = {
  id: 10,
  kind: "base",
  code: "DHV",
  name: "Đảng bộ Trường Đại học Vinh",
  parent_id: null,
  ancestor_ids: [],
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
  children: [],
};

function counts(changes: Partial<MemberCounts>): MemberCounts {
  return {
    members: 0,
    excellent: 0,
    good: 0,
    completed: 0,
    not_completed: 0,
    pending: 0,
    not_classified: 0,
    unresolved: 0,
    not_voted: 0,
    supplementary: 0,
    cancelled: 0,
    excellent_permille: 0,
    good_permille: 0,
    completed_permille: 0,
    not_completed_permille: 0,
    ...changes,
  };
}

const toan = counts({
  members: 21,
  excellent: 3,
  good: 15,
  completed: 2,
  pending: 1,
  excellent_permille: 150,
  good_permille: 750,
  completed_permille: 100,
});
const ly = counts({
  members: 7,
  excellent: 1,
  good: 5,
  not_completed: 0,
  completed: 0,
  not_classified: 1,
  excellent_permille: 166,
  good_permille: 833,
});
const total = counts({
  members: 28,
  excellent: 4,
  good: 20,
  completed: 2,
  pending: 1,
  not_classified: 1,
  supplementary: 1,
  excellent_permille: 153,
  good_permille: 769,
  completed_permille: 76,
});

const statistics: Statistics = {
  organization_id: 10,
  name: "Đảng bộ Trường Đại học Vinh",
  year,
  from_history: false,
  rows: [
    { ...toan, organization_id: 30, name: "Chi bộ Khoa Toán", kind: "branch", parent_id: 10 },
    { ...ly, organization_id: 31, name: "Chi bộ Khoa Vật lý", kind: "branch", parent_id: 10 },
    { ...total, organization_id: 10, name: "Đảng bộ Trường Đại học Vinh", kind: "base" },
  ],
  total,
  organizations: {
    classified: 2,
    clean_strong: 2,
    exemplary: 1,
    good: 0,
    completed: 0,
    weak: 0,
    units_rated: 2,
    units_outstanding: 2,
    units_good: 0,
    units_fair: 0,
    units_average: 0,
    units_weak: 0,
    warnings: ["O3: 2/2 đơn vị xuất sắc, vượt 50%"],
  },
  frames: [],
  quota_groups: [],
  collectives: { decided: 0, excellent: 0, good: 0, completed: 0, not_completed: 0 },
};

// The page opens on the year of the base's latest cycle.
function reportsApi(answer: Statistics = statistics, cycleYear = year) {
  return stubApi({
    "GET /api/v1/organizations": () =>
      json({ items: [], tree: [base], total: 1, page: 1, per_page: 100 }),
    "GET /api/v1/cycles": cycleList([{ id: 1, organization_id: 10, year: cycleYear }]),
    [statisticsPath]: (request) =>
      new URL(request.url).searchParams.get("format") === "xlsx"
        ? new Response("PK xlsx", {
            headers: {
              "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
              "content-disposition": `attachment; filename="thong-ke-dhv-${year}.xlsx"`,
            },
          })
        : json(answer),
  });
}

function cellsOf(name: string, testId = "statistics-table"): (string | null)[] {
  const table = screen.getByTestId(testId);
  const row = within(table).getByText(name).closest("tr") as HTMLElement;
  return within(row)
    .getAllByRole("cell")
    .map((cell) => cell.textContent);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("statistics report", () => {
  it("opens on the year of the organisation's latest cycle, not the calendar year", async () => {
    startSession();
    const api = reportsApi({ ...statistics, year: year - 2 }, year - 2);
    renderPage(<ReportsPage />);

    await screen.findByTestId("statistics-table");
    expect(screen.getByLabelText("Năm")).toHaveValue(String(year - 2));
    const asked = api.requests(statisticsPath).map((request) => new URL(request.url));
    expect(asked[0].searchParams.toString()).toBe(`organization_id=10&year=${year - 2}`);
    expect(asked.some((url) => url.searchParams.get("year") === String(year))).toBe(false);
  });

  it("shows each organisation's counts with the shares as percentages, and a total row", async () => {
    startSession();
    const api = reportsApi();
    renderPage(<ReportsPage />);

    await screen.findByTestId("statistics-table");
    expect(new URL(api.requests(statisticsPath)[0].url).searchParams.toString()).toBe(
      `organization_id=10&year=${year}`,
    );
    expect(cellsOf("Chi bộ Khoa Toán (Chi bộ)")).toEqual([
      "Chi bộ Khoa Toán (Chi bộ)",
      "21",
      "3 (15,0%)",
      "15 (75,0%)",
      "2 (10,0%)",
      "0 (0,0%)",
      "1",
      "0",
      "0",
      "0",
      "0",
      "0",
    ]);
    expect(cellsOf("Tổng cộng").slice(1, 7)).toEqual([
      "28",
      "4 (15,3%)",
      "20 (76,9%)",
      "2 (7,6%)",
      "0 (0,0%)",
      "1",
    ]);

    const bars = screen.getByTestId("level-bars");
    // The chart (recharts) says what it shows; its figures are in the table beside it.
    expect(
      within(bars).getByRole("img", {
        name: "Biểu đồ cột chồng tỷ lệ xếp loại của 2 chi bộ; số liệu chi tiết ở bảng bên dưới",
      }),
    ).toBeInTheDocument();
    // The table has a row per branch, not for the base.
    const branchRows = within(screen.getByTestId("level-bars-table")).getAllByRole("row").slice(1);
    expect(branchRows).toHaveLength(2);
    const physics = branchRows.find((row) => row.textContent?.startsWith("Chi bộ Khoa Vật lý"));
    expect(
      within(physics as HTMLElement)
        .getAllByRole("cell")
        .map((cell) => cell.textContent),
    ).toEqual([
      "Chi bộ Khoa Vật lý",
      expect.stringMatching(/\(16,6%\)$/),
      expect.stringMatching(/\(83,3%\)$/),
      expect.stringMatching(/\(0,0%\)$/),
      expect.stringMatching(/\(0,0%\)$/),
    ]);

    const orgs = screen.getByTestId("org-levels");
    expect(orgs).toHaveTextContent("TCCS đã xếp loại (O1)2");
    expect(orgs).toHaveTextContent("Tiêu biểu1");
    expect(orgs).toHaveTextContent("O3: 2/2 đơn vị xuất sắc, vượt 50%");
    // No points cycle (tw-366-2025) under it: no counts by frame or quota group.
    expect(screen.queryByTestId("statistics-frames")).not.toBeInTheDocument();
    expect(screen.queryByTestId("statistics-quota-groups")).not.toBeInTheDocument();
  });

  it("counts the points cycles' members by frame and by quota group", async () => {
    startSession();
    reportsApi({
      ...statistics,
      frames: [{ ...toan, key: "F4" }],
      quota_groups: [
        { ...ly, key: "DHV/F3", cycle_id: 9 },
        {
          ...counts({ members: 2, good: 2, good_permille: 1000 }),
          key: "Giảng viên",
          cycle_id: 9,
        },
      ],
      collectives: { decided: 3, excellent: 1, good: 2, completed: 0, not_completed: 0 },
    });
    renderPage(<ReportsPage />);

    await screen.findByTestId("statistics-frames");
    expect(screen.getByTestId("statistics-collectives")).toHaveTextContent(
      "Tổ chức đảng được cấp có thẩm quyền xếp loại (Quy định 366): 3 — hoàn thành xuất sắc 1, hoàn thành tốt 2",
    );
    expect(screen.getByText("Theo khung tiêu chí")).toBeInTheDocument();
    expect(cellsOf("F4", "statistics-frames")).toEqual([
      "F4",
      "21",
      "3 (15,0%)",
      "15 (75,0%)",
      "2 (10,0%)",
      "0 (0,0%)",
    ]);
    expect(screen.getByText("Theo nhóm tính tỷ lệ")).toBeInTheDocument();
    expect(cellsOf("Giảng viên", "statistics-quota-groups")).toEqual([
      "Giảng viên",
      "2",
      "0 (0,0%)",
      "2 (100,0%)",
      "0 (0,0%)",
      "0 (0,0%)",
    ]);
    expect(cellsOf("DHV/F3", "statistics-quota-groups").slice(0, 4)).toEqual([
      "DHV/F3",
      "7",
      "1 (16,6%)",
      "5 (83,3%)",
    ]);
  });

  it("downloads the same statistics as XLSX with the bearer token", async () => {
    startSession("access-7");
    const api = reportsApi();
    const clicked = captureDownloads();
    renderPage(<ReportsPage />);

    await screen.findByTestId("statistics-table");
    await userEvent.click(screen.getByRole("button", { name: /Tải XLSX/ }));

    await waitFor(() => expect(clicked).toEqual([`thong-ke-dhv-${year}.xlsx`]));
    const download = api
      .requests(statisticsPath)
      .find((request) => new URL(request.url).searchParams.get("format") === "xlsx") as Request;
    expect(new URL(download.url).searchParams.toString()).toBe(
      `organization_id=10&year=${year}&format=xlsx`,
    );
    expect(bearer(download)).toBe("Bearer access-7");
  });

  it("shows the level distribution of the organisation and of each branch over five years", async () => {
    startSession();
    const byYear = new Map<number, Statistics>([
      // Five years ago nobody was classified yet.
      [year - 4, { ...statistics, year: year - 4, rows: [], total: counts({ members: 25, pending: 25 }) }],
      // Three years ago, before the system: from the members' history (issue #17).
      [year - 3, { ...statistics, year: year - 3, from_history: true }],
      [
        year - 1,
        {
          ...statistics,
          year: year - 1,
          rows: [
            {
              ...counts({ members: 9, good: 8, not_completed: 1, good_permille: 888, not_completed_permille: 111 }),
              organization_id: 32,
              name: "Chi bộ Âm nhạc",
              kind: "branch",
              parent_id: 10,
            },
            ...statistics.rows,
          ],
        },
      ],
    ]);
    const api = stubApi({
      "GET /api/v1/organizations": () =>
        json({ items: [], tree: [base], total: 1, page: 1, per_page: 100 }),
      [statisticsPath]: (request) => {
        const asked = Number(new URL(request.url).searchParams.get("year"));
        return json(byYear.get(asked) ?? { ...statistics, year: asked });
      },
    });
    renderPage(<ReportsPage />);

    const trends = await screen.findByTestId("level-trends");
    expect(within(trends).getByText("Phân bố xếp loại qua các năm")).toBeInTheDocument();
    expect(
      within(trends).getByRole("img", {
        name: `Biểu đồ cột chồng phân bố xếp loại toàn tổ chức từ năm ${year - 4} đến năm ${year}; số liệu chi tiết ở bảng bên dưới`,
      }),
    ).toBeInTheDocument();
    const totals = within(trends).getByTestId("level-trend-total");
    const latest = (await within(totals).findByText(String(year))).closest("tr") as HTMLElement;
    await waitFor(() =>
      expect(
        within(latest)
          .getAllByRole("cell")
          .map((cell) => cell.textContent),
      ).toEqual([String(year), "4 (15,3%)", "20 (76,9%)", "2 (7,6%)", "0 (0,0%)"]),
    );
    const empty = (await within(totals).findByText(String(year - 4))).closest("tr") as HTMLElement;
    await waitFor(() => expect(empty).toHaveTextContent(`${year - 4}Chưa có kết quả`));
    expect(within(totals).getByText(`${year - 3}*`)).toBeInTheDocument();
    expect(within(trends).getByTestId("level-trend-history")).toHaveTextContent(
      "lịch sử xếp loại của đảng viên",
    );
    expect(
      new Set(api.requests(statisticsPath).map((request) => new URL(request.url).searchParams.get("year"))),
    ).toEqual(new Set([year - 4, year - 3, year - 2, year - 1, year].map(String)));

    // One row per branch, in Vietnamese order (Â after A, before B… and C), a column per year.
    const matrix = screen.getByTestId("level-trend-matrix");
    const names = within(matrix)
      .getAllByRole("row")
      .slice(1)
      .map((row) => within(row).getAllByRole("cell")[0].textContent);
    expect(names).toEqual(["Chi bộ Âm nhạc", "Chi bộ Khoa Toán", "Chi bộ Khoa Vật lý"]);
    const am = within(matrix).getByText("Chi bộ Âm nhạc").closest("tr") as HTMLElement;
    expect(within(am).getAllByRole("cell")[4]).toHaveTextContent(
      "Xuất sắc 0 (0,0%)Tốt 8 (88,8%)Hoàn thành 0 (0,0%)Không hoàn thành 1 (11,1%)",
    );
    // The branch had no row in the other years.
    expect(within(am).getAllByText("Chưa có kết quả")).toHaveLength(4);
  });
});
