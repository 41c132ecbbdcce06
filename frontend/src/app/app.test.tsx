import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { adminMe, json, meWith, paged, startSession, stubApi } from "@/testing/api";
import { renderApp } from "@/testing/render-app";

const appTitle = "kiemdiem — Kiểm điểm, đánh giá, xếp loại đảng viên";

function menuLinks() {
  return within(screen.getByRole("menu"))
    .getAllByRole("link")
    .map((link) => link.textContent);
}

describe("app shell", () => {
  it("shows a visitor the Vietnamese login page, with only the login in the menu", async () => {
    renderApp("/");

    expect(await screen.findByRole("heading", { name: "Đăng nhập" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: appTitle })).toBeInTheDocument();
    expect(menuLinks()).toEqual(["Đăng nhập"]);
  });

  it("shows a signed-in user the Vietnamese home page and their name", async () => {
    startSession();
    stubApi({
      "GET /api/v1/auth/me": () => json(adminMe),
      "GET /api/v1/me/agenda": () => json({ late: 0, items: [] }),
      "GET /api/v1/notifications": paged([]),
    });
    renderApp("/");

    expect(
      await screen.findByRole("heading", { name: "Xin chào, Quản trị viên" }),
    ).toBeInTheDocument();
    expect(await screen.findByText("Không có việc nào cần làm")).toBeInTheDocument();
    expect(screen.getByTestId("user-menu-button")).toHaveTextContent("Quản trị viên");
    expect(menuLinks()).toEqual([
      "Tổng quan",
      "Tổ chức đảng",
      "Đảng viên",
      "Đợt kiểm điểm",
      "Gợi ý kiểm điểm",
      "Thử xếp loại",
      "Xếp loại tổ chức",
      "Khen thưởng",
      "Báo cáo thống kê",
      "Hồ sơ năm",
      "Báo cáo của cấp ủy",
      "Đoàn kiểm tra, thẩm định",
      "Bộ quy tắc",
      "Người dùng",
      "Nhật ký hệ thống",
      "Tài khoản tích hợp",
      "Webhook",
      "Trạng thái hệ thống",
      "Tài liệu API",
    ]);
    expect(
      within(screen.getByRole("menu")).getByRole("link", { name: "Tài liệu API" }),
    ).toHaveAttribute("href", "/api-docs/");
  });

  it("keeps the system's pages out of a member's and a feedback provider's menu", async () => {
    startSession();
    stubApi({
      "GET /api/v1/auth/me": () => json(meWith("member", 40, "Chi bộ Khoa Toán")),
      "GET /api/v1/me/agenda": () => json({ late: 0, items: [] }),
      "GET /api/v1/notifications": paged([]),
    });
    const { unmount } = renderApp("/");

    expect(await screen.findByRole("heading", { name: /Xin chào/ })).toBeInTheDocument();
    expect(menuLinks()).toEqual(["Tổng quan", "Hồ sơ của tôi", "Bản tự kiểm điểm của tôi"]);
    unmount();

    stubApi({
      "GET /api/v1/auth/me": () =>
        json(meWith("feedback_provider", 40, "Chi bộ Khoa Toán", "Công đoàn Khoa Toán")),
      "GET /api/v1/me/agenda": () => json({ late: 0, items: [] }),
      "GET /api/v1/notifications": paged([]),
    });
    renderApp("/");

    expect(
      await screen.findByRole("heading", { name: "Xin chào, Công đoàn Khoa Toán" }),
    ).toBeInTheDocument();
    expect(menuLinks()).toEqual(["Tổng quan", "Lấy ý kiến", "Thử xếp loại"]);
  });

  it("hides other roles' menu items from a branch committee and refuses their pages", async () => {
    startSession();
    stubApi({
      "GET /api/v1/auth/me": () => json(meWith("branch_committee", 40, "Chi bộ Khoa Toán")),
    });
    renderApp("/users");

    expect(await screen.findByText("Không có quyền truy cập")).toBeInTheDocument();
    expect(menuLinks()).toEqual([
      "Tổng quan",
      "Tổ chức đảng",
      "Đảng viên",
      "Đợt kiểm điểm",
      "Lấy ý kiến",
      "Gợi ý kiểm điểm",
      "Thử xếp loại",
      "Xếp loại tổ chức",
      "Báo cáo thống kê",
      "Bộ quy tắc",
      "Trạng thái hệ thống",
      "Tài liệu API",
    ]);
    expect(screen.queryByText("Người dùng")).not.toBeInTheDocument();
    expect(screen.queryByText("Nhật ký hệ thống")).not.toBeInTheDocument();
    expect(screen.queryByText("Khen thưởng")).not.toBeInTheDocument();
    expect(screen.queryByText("Webhook")).not.toBeInTheDocument();
  });

  it("shows the user's roles with their organisations in the user menu", async () => {
    startSession();
    stubApi({
      "GET /api/v1/auth/me": () => json(meWith("branch_committee", 40, "Chi bộ Khoa Toán")),
    });
    renderApp("/");

    await userEvent.click(await screen.findByTestId("user-menu-button"));

    const menu = await screen.findByTestId("user-menu");
    expect(within(menu).getByText("Chi ủy — Chi bộ Khoa Toán")).toBeInTheDocument();
    expect(within(menu).getByRole("button", { name: /Đăng xuất/ })).toBeInTheDocument();
  });

  it("switches the menu to English and remembers the choice", async () => {
    renderApp("/");
    // The menu and the English words are loaded when needed (not in the first load).
    const menu = await screen.findByRole("menu");
    expect(await within(menu).findByText("Đăng nhập")).toBeInTheDocument();

    await userEvent.click(screen.getByText("English"));

    expect(await within(menu).findByText("Log in")).toBeInTheDocument();
    expect(within(menu).queryByText("Đăng nhập")).not.toBeInTheDocument();
    expect(window.localStorage.getItem("kiemdiem.locale")).toBe("en");
    expect(document.documentElement.lang).toBe("en");
  });

  it("opens in the language chosen earlier", async () => {
    window.localStorage.setItem("kiemdiem.locale", "en");
    renderApp("/");

    expect(await screen.findByRole("heading", { name: "Log in" })).toBeInTheDocument();
  });

  it("shows a not-found page for an unknown address", async () => {
    renderApp("/khong-co-trang-nay");

    expect(await screen.findByText("Không tìm thấy trang")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Về trang tổng quan" })).toHaveAttribute(
      "href",
      "/",
    );
  });
});
