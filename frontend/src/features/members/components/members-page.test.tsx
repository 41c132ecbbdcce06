import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  base,
  member,
  memberPage,
  treeAnswer,
  versionedAnswer,
} from "@/features/members/testing/fixtures";
import { json, meWith, startSession, stubApi } from "@/testing/api";
import { renderApp } from "@/testing/render-app";

/** The names in the table, top to bottom. */
function listedNames(): string[] {
  const table = screen.getByRole("table");
  return within(table)
    .getAllByRole("row")
    .slice(1)
    .map((row) => within(row).getAllByRole("cell")[0].textContent ?? "");
}

function queryOf(request: Request): URLSearchParams {
  return new URL(request.url).searchParams;
}

const committee = () => json(meWith("committee", 20, base.name));

describe("members list", () => {
  it("says 'more than' when the server stopped counting (issue #18)", async () => {
    startSession();
    stubApi({
      "GET /api/v1/auth/me": committee,
      "GET /api/v1/organizations": treeAnswer([base]),
      "GET /api/v1/members": () => memberPage([member(3, "Nguyễn Văn An")], 10_000),
    });
    renderApp("/members");
    expect(
      await screen.findByText("Hơn 10.000 đảng viên — lọc hoặc tìm để đếm chính xác"),
    ).toBeInTheDocument();
  });


  it("shows the members in the server's order and searches with q exactly as typed", async () => {
    startSession();
    // The server's Vietnamese order (by given name): the page must not sort it again.
    const all = [
      member(3, "Nguyễn Văn An"),
      member(1, "Trần Thị Ánh"),
      member(2, "Lê Văn Bình", { status: "probationary", official_on: null, exempt: true }),
    ];
    const api = stubApi({
      "GET /api/v1/auth/me": committee,
      "GET /api/v1/organizations": treeAnswer([base]),
      "GET /api/v1/members": (request) =>
        memberPage(queryOf(request).get("q") === null ? all : [all[0]]),
    });
    renderApp("/members");

    expect(await screen.findByRole("heading", { name: "Đảng viên" })).toBeInTheDocument();
    await screen.findByText("Lê Văn Bình");
    expect(listedNames()).toEqual(["Nguyễn Văn An", "Trần Thị Ánh", "Lê Văn Bình"]);
    const binh = screen.getByText("Lê Văn Bình").closest("tr") as HTMLElement;
    expect(within(binh).getByText("Dự bị")).toBeInTheDocument();
    expect(within(binh).getByText("Miễn SH")).toBeInTheDocument();
    expect(within(binh).getByText("02/05/1980")).toBeInTheDocument();

    await userEvent.type(screen.getByLabelText("Tìm theo họ tên hoặc số thẻ"), "nguyen van a");

    await waitFor(() => expect(listedNames()).toEqual(["Nguyễn Văn An"]));
    const searches = api
      .requests("GET /api/v1/members")
      .map((request) => queryOf(request).get("q"))
      .filter((q) => q !== null);
    // Debounced: one request once the typing stops, with the text as typed (no accents added,
    // nothing trimmed or lowered: the server ignores case and diacritics).
    expect(searches).toEqual(["nguyen van a"]);
  });

  it("reads the filters from the address, so that a reload keeps them", async () => {
    startSession();
    const api = stubApi({
      "GET /api/v1/auth/me": committee,
      "GET /api/v1/organizations": treeAnswer([base]),
      "GET /api/v1/members": () => memberPage([]),
    });
    renderApp("/members?q=lan&status=probationary&exempt=true&active=false&page=2");

    expect(
      await screen.findByText("Không có đảng viên nào khớp điều kiện tìm"),
    ).toBeInTheDocument();
    const [request] = api.requests("GET /api/v1/members");
    expect(Object.fromEntries(queryOf(request))).toEqual({
      q: "lan",
      status: "probationary",
      exempt: "true",
      active: "false",
      page: "2",
      per_page: "20",
    });
    expect(screen.getByLabelText("Tìm theo họ tên hoặc số thẻ")).toHaveValue("lan");
  });

  it("takes a member user straight to their own record, without changes offered", async () => {
    startSession();
    const own = member(5, "Nguyễn Thị Lan");
    stubApi({
      "GET /api/v1/auth/me": () =>
        json({ ...meWith("member", 30, "Chi bộ Khoa Toán"), read_scopes: [] }),
      "GET /api/v1/members": () => memberPage([own]),
      "GET /api/v1/members/5": () => versionedAnswer(own),
      "GET /api/v1/members/5/disciplines": () => json([]),
      "GET /api/v1/members/5/history": () => json([]),
    });
    renderApp("/members");

    expect(await screen.findByRole("heading", { name: "Nguyễn Thị Lan" })).toBeInTheDocument();
    expect(screen.getByTestId("member-profile")).toHaveTextContent("Giảng viên");
    expect(
      within(screen.getByRole("menu")).getByRole("link", { name: "Hồ sơ của tôi" }),
    ).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Sửa/ })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Xóa/ })).not.toBeInTheDocument();
    expect(
      screen.queryByRole("button", { name: /Thêm quyết định kỷ luật/ }),
    ).not.toBeInTheDocument();
    expect(screen.queryByText("Danh sách đảng viên")).not.toBeInTheDocument();
  });
});
