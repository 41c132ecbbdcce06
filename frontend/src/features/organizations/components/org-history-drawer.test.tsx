import { useQuery } from "@tanstack/react-query";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { client, unwrap } from "@/api/client";
import type { components } from "@/api/schema";
import type { OrgYear } from "@/features/organizations/api/org-history";
import { OrgHistoryDrawer } from "@/features/organizations/components/org-history-drawer";
import { todayInVietnam } from "@/lib/format";
import { json, meWith, problem, startSession, stubApi } from "@/testing/api";
import { renderApp } from "@/testing/render-app";
import { renderPage } from "@/testing/render-page";
import { openSelect } from "@/testing/select";

type OrgNode = components["schemas"]["OrganizationNode"];

function node(
  id: number,
  kind: string,
  code: string,
  name: string,
  ancestorIds: number[],
  children: OrgNode[] = [],
): OrgNode {
  return {
    id,
    kind,
    code,
    name,
    parent_id: ancestorIds.at(-1) ?? null,
    ancestor_ids: ancestorIds,
    created_at: "2026-11-20T01:30:00Z",
    updated_at: "2026-11-20T01:30:00Z",
    children,
  };
}

const branch = node(30, "branch", "CB-TOAN", "Chi bộ Khoa Toán", [1, 10, 20]);
const base = node(20, "base", "DB-DHSP", "Đảng bộ Trường Đại học Sư phạm", [1, 10], [branch]);
const district = node(10, "district", "TU-HUE", "Thành ủy Huế", [1], [base]);

const historyPath = "GET /api/v1/organizations/30/history";
const lastYear = todayInVietnam().year() - 1;

function orgYear(changes: Partial<OrgYear> = {}): OrgYear {
  return {
    year: 2015,
    level: "clean_strong",
    exemplary: true,
    source: "QĐ 12-QĐ/ĐU ngày 20/12/2015",
    recorded_by: "Nguyễn Văn An",
    // 21:30 UTC is already the next day in Vietnam.
    recorded_at: "2026-11-19T21:30:00Z",
    ...changes,
  };
}

const years = [
  orgYear(),
  orgYear({
    year: 2016,
    level: "good",
    exemplary: false,
    source: "QĐ 40-QĐ/ĐU ngày 25/12/2016",
    recorded_by: "Trần Thị Bình",
  }),
];

/** Reads the rewards' candidates as the rewards page does (same query key prefix). */
function CandidatesProbe() {
  useQuery({
    queryKey: ["rewards", "candidates", { organizationId: 20, year: 2026 }],
    queryFn: () =>
      unwrap(
        client.GET("/api/v1/rewards/candidates", {
          params: { query: { organization_id: 20, year: 2026 } },
        }),
      ),
  });
  return null;
}

function openDrawer(canRecord = true) {
  renderPage(
    <>
      <CandidatesProbe />
      <OrgHistoryDrawer org={branch} canRecord={canRecord} onClose={() => undefined} />
    </>,
  );
}

function rowOf(year: number): HTMLElement {
  const table = within(screen.getByTestId("org-history"));
  return table.getByText(String(year)).closest("tr") as HTMLElement;
}

async function chooseLevel(title: string) {
  const dropdown = await openSelect(screen.getByLabelText("Mức xếp loại"));
  await userEvent.click(within(dropdown).getByTitle(title));
}

async function fill(year: number, level: string, source: string) {
  const yearInput = screen.getByLabelText("Năm");
  await userEvent.clear(yearInput);
  await userEvent.type(yearInput, String(year));
  await chooseLevel(level);
  await userEvent.type(screen.getByLabelText("Căn cứ"), source);
}

describe("organisation's past years (W4/W5)", () => {
  it("opens from a base or a branch on the organisations page and lists the years", async () => {
    startSession();
    stubApi({
      "GET /api/v1/auth/me": () => json(meWith("committee", 10, district.name)),
      "GET /api/v1/organizations": () =>
        json({ items: [], tree: [district], total: 0, page: 1, per_page: 100 }),
      [historyPath]: () => json(years),
    });
    renderApp("/organizations");

    // A district's five years are not entered here.
    await userEvent.click(await screen.findByTestId("org-node-TU-HUE"));
    const detail = await screen.findByTestId("org-detail");
    expect(
      within(detail).queryByRole("button", { name: /Kết quả các năm trước/ }),
    ).not.toBeInTheDocument();

    await userEvent.click(screen.getByTestId("org-node-CB-TOAN"));
    await userEvent.click(
      within(screen.getByTestId("org-detail")).getByRole("button", {
        name: /Kết quả các năm trước/,
      }),
    );

    const drawer = await screen.findByRole("dialog");
    expect(drawer).toHaveTextContent("Kết quả các năm trước: Chi bộ Khoa Toán");
    await waitFor(() => expect(rowOf(2015)).toBeInTheDocument());
    const first = within(rowOf(2015));
    expect(first.getByText("Trong sạch vững mạnh")).toBeInTheDocument();
    expect(first.getByText("Tiêu biểu")).toBeInTheDocument();
    expect(first.getByText("QĐ 12-QĐ/ĐU ngày 20/12/2015")).toBeInTheDocument();
    expect(first.getByText("Nguyễn Văn An")).toBeInTheDocument();
    expect(first.getByText("20/11/2026")).toBeInTheDocument();
    const second = within(rowOf(2016));
    expect(second.getByText("Hoàn thành tốt nhiệm vụ")).toBeInTheDocument();
    expect(second.queryByText("Tiêu biểu")).not.toBeInTheDocument();
    expect(second.getByText("Trần Thị Bình")).toBeInTheDocument();
    // The district's committee is above the branch: it may enter years.
    expect(within(drawer).getByTestId("org-history-form")).toBeInTheDocument();
  });

  it("saves a year with PUT, then reads the history and the rewards' candidates again", async () => {
    startSession();
    let saved = false;
    const added = orgYear({ year: 2017, source: "QĐ 7-QĐ/ĐU ngày 18/12/2017" });
    const api = stubApi({
      [historyPath]: () => json(saved ? [...years, added] : years),
      "GET /api/v1/rewards/candidates": () => json({ year: 2026, members: [], organizations: [] }),
      "PUT /api/v1/organizations/30/history/2017": () => {
        saved = true;
        return json(added);
      },
    });
    openDrawer();
    await waitFor(() => expect(rowOf(2015)).toBeInTheDocument());
    await waitFor(() => expect(api.requests("GET /api/v1/rewards/candidates")).toHaveLength(1));

    await fill(2017, "Trong sạch vững mạnh", "QĐ 7-QĐ/ĐU ngày 18/12/2017");
    await userEvent.click(screen.getByRole("checkbox", { name: "Tiêu biểu" }));
    await userEvent.click(screen.getByRole("button", { name: "Lưu" }));

    await waitFor(() => expect(rowOf(2017)).toBeInTheDocument());
    const [sent] = api.requests("PUT /api/v1/organizations/30/history/2017");
    expect(await sent.json()).toEqual({
      level: "clean_strong",
      exemplary: true,
      source: "QĐ 7-QĐ/ĐU ngày 18/12/2017",
    });
    expect(api.requests(historyPath)).toHaveLength(2);
    await waitFor(() => expect(api.requests("GET /api/v1/rewards/candidates")).toHaveLength(2));
  });

  it("shows a 422 on the source under its field", async () => {
    startSession();
    stubApi({
      [historyPath]: () => json([]),
      "GET /api/v1/rewards/candidates": () => json({ year: 2026, members: [], organizations: [] }),
      "PUT /api/v1/organizations/30/history/2014": () =>
        problem(422, "validation", "Dữ liệu không hợp lệ", [
          { field: "source", code: "required", message: "Cần số và ngày quyết định" },
        ]),
    });
    openDrawer();
    expect(await screen.findByText("Chưa nhập năm nào")).toBeInTheDocument();

    await fill(2014, "Hoàn thành nhiệm vụ", "QĐ 5-QĐ/ĐU");
    await userEvent.click(screen.getByRole("button", { name: "Lưu" }));

    const message = await screen.findByText("Cần số và ngày quyết định");
    expect(message.closest(".ant-form-item")).toContainElement(screen.getByLabelText("Căn cứ"));
    // Placed under its field: nothing is left for an alert over the form.
    expect(document.querySelector(".ant-alert")).toBeNull();
  });

  it("shows a year the system assessed (409) as an alert with the problem's detail", async () => {
    startSession();
    stubApi({
      [historyPath]: () => json([]),
      "GET /api/v1/rewards/candidates": () => json({ year: 2026, members: [], organizations: [] }),
      [`PUT /api/v1/organizations/30/history/${lastYear}`]: () =>
        problem(
          409,
          "system_year",
          `Năm ${lastYear} đã được đánh giá trong hệ thống; kết quả đó là căn cứ`,
        ),
    });
    openDrawer();
    await screen.findByText("Chưa nhập năm nào");

    // The year starts at last year.
    expect(screen.getByLabelText("Năm")).toHaveValue(String(lastYear));
    await chooseLevel("Yếu kém");
    await userEvent.type(screen.getByLabelText("Căn cứ"), "QĐ 3-QĐ/ĐU");
    await userEvent.click(screen.getByRole("button", { name: "Lưu" }));

    expect(await screen.findByRole("alert")).toHaveTextContent(
      `Năm ${lastYear} đã được đánh giá trong hệ thống; kết quả đó là căn cứ`,
    );
  });

  it("offers exemplary only with clean_strong, and clears it for another level", async () => {
    startSession();
    stubApi({
      [historyPath]: () => json([]),
      "GET /api/v1/rewards/candidates": () => json({ year: 2026, members: [], organizations: [] }),
    });
    openDrawer();
    await screen.findByText("Chưa nhập năm nào");
    const exemplary = () => screen.getByRole("checkbox", { name: "Tiêu biểu" });

    expect(exemplary()).toBeDisabled();
    await chooseLevel("Hoàn thành tốt nhiệm vụ");
    expect(exemplary()).toBeDisabled();
    await chooseLevel("Trong sạch vững mạnh");
    expect(exemplary()).toBeEnabled();
    await userEvent.click(exemplary());
    expect(exemplary()).toBeChecked();
    await chooseLevel("Yếu kém");
    expect(exemplary()).toBeDisabled();
    expect(exemplary()).not.toBeChecked();
  });

  it("only lists the years to a reader who may not enter them", async () => {
    startSession();
    stubApi({
      [historyPath]: () => json(years),
      "GET /api/v1/rewards/candidates": () => json({ year: 2026, members: [], organizations: [] }),
    });
    openDrawer(false);

    await waitFor(() => expect(rowOf(2016)).toBeInTheDocument());
    expect(screen.queryByTestId("org-history-form")).not.toBeInTheDocument();
  });
});
