import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { adminMe, bearer, json, problem, stubApi, tokens } from "@/testing/api";
import { renderApp } from "@/testing/render-app";

async function logIn(username: string, password: string) {
  await userEvent.type(await screen.findByLabelText("Tên đăng nhập"), username);
  await userEvent.type(screen.getByLabelText("Mật khẩu"), password);
  await userEvent.click(screen.getByRole("button", { name: "Đăng nhập" }));
}

describe("login", () => {
  it("keeps the session, shows the user's name and goes back to the page asked for", async () => {
    const api = stubApi({
      "POST /api/v1/auth/login": () => tokens("access-1", "refresh-1", adminMe),
      "GET /api/v1/organizations": () =>
        json({ items: [], tree: [], total: 0, page: 1, per_page: 100 }),
    });
    renderApp("/organizations");

    await logIn("admin", "mat-khau-dung-1");

    expect(await screen.findByRole("heading", { name: "Tổ chức đảng" })).toBeInTheDocument();
    expect(screen.getByTestId("user-menu-button")).toHaveTextContent("Quản trị viên");
    expect(window.localStorage.getItem("kiemdiem.refresh")).toBe("refresh-1");
    const [login] = api.requests("POST /api/v1/auth/login");
    expect(await login.json()).toEqual({ username: "admin", password: "mat-khau-dung-1" });
    // The access token is kept in memory and sent with the next request.
    await screen.findByText("Chưa có tổ chức nào");
    expect(bearer(api.requests("GET /api/v1/organizations")[0])).toBe("Bearer access-1");
  });

  it("says in Vietnamese that the username or password is wrong", async () => {
    stubApi({
      "POST /api/v1/auth/login": () =>
        problem(401, "unauthorized", "Tên đăng nhập hoặc mật khẩu không đúng"),
    });
    renderApp("/");

    await logIn("admin", "sai-mat-khau");

    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Tên đăng nhập hoặc mật khẩu không đúng",
    );
    expect(screen.getByRole("heading", { name: "Đăng nhập" })).toBeInTheDocument();
    expect(window.localStorage.getItem("kiemdiem.refresh")).toBeNull();
  });

  it("shows how long to wait after too many failures", async () => {
    stubApi({
      "POST /api/v1/auth/login": () =>
        problem(429, "too_many_requests", "Quá nhiều lần đăng nhập sai; thử lại sau 60 giây"),
    });
    renderApp("/login");

    await logIn("admin", "sai-mat-khau");

    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Quá nhiều lần đăng nhập sai; thử lại sau 60 giây",
    );
  });

  it("logs out: tells the server, forgets the tokens and shows the login page", async () => {
    const api = stubApi({
      "POST /api/v1/auth/login": () => tokens("access-1", "refresh-1", adminMe),
      "POST /api/v1/auth/logout": () => new Response(null, { status: 204 }),
    });
    renderApp("/");
    await logIn("admin", "mat-khau-dung-1");

    await userEvent.click(await screen.findByTestId("user-menu-button"));
    await userEvent.click(await screen.findByRole("button", { name: /Đăng xuất/ }));

    expect(await screen.findByRole("heading", { name: "Đăng nhập" })).toBeInTheDocument();
    expect(window.localStorage.getItem("kiemdiem.refresh")).toBeNull();
    const [logout] = api.requests("POST /api/v1/auth/logout");
    expect(await logout.json()).toEqual({ refresh_token: "refresh-1" });
    expect(screen.queryByTestId("user-menu-button")).not.toBeInTheDocument();
  });
});
