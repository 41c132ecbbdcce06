import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  adminMe,
  bearer,
  json,
  problem,
  routeOf,
  startSession,
  stubApi,
  tokens,
} from "@/testing/api";
import { renderApp } from "@/testing/render-app";

const unauthorized = () =>
  problem(401, "unauthorized", "Cần đăng nhập bằng một mã truy cập hợp lệ");

const someUser = {
  id: 5,
  username: "tran.thi.binh",
  display_name: "Trần Thị Bình",
  active: true,
  roles: [],
  created_at: "2026-11-20T01:30:00Z",
  updated_at: "2026-11-20T01:30:00Z",
};

const emptyTree = { items: [], tree: [], total: 0, page: 1, per_page: 100 };

describe("session", () => {
  it("opening with a stored refresh token refreshes first, then loads the user", async () => {
    window.localStorage.setItem("kiemdiem.refresh", "refresh-0");
    const api = stubApi({
      "POST /api/v1/auth/refresh": () => tokens("access-1", "refresh-1"),
      "GET /api/v1/auth/me": (request) =>
        bearer(request) === "Bearer access-1" ? json(adminMe) : unauthorized(),
      "GET /api/v1/me/agenda": () => json({ late: 0, items: [] }),
    });
    renderApp("/");

    expect(
      await screen.findByRole("heading", { name: "Xin chào, Quản trị viên" }),
    ).toBeInTheDocument();
    // The header's notifications and the home page's agenda load beside the page: only the
    // order of these two matters.
    expect(
      api.fetch.mock.calls
        .map(([request]) => routeOf(request))
        .filter(
          (route) => route !== "GET /api/v1/notifications" && route !== "GET /api/v1/me/agenda",
        ),
    ).toEqual(["POST /api/v1/auth/refresh", "GET /api/v1/auth/me"]);
    expect(await api.requests("POST /api/v1/auth/refresh")[0].json()).toEqual({
      refresh_token: "refresh-0",
    });
    // The refresh token rotated: the new one replaces the spent one.
    expect(window.localStorage.getItem("kiemdiem.refresh")).toBe("refresh-1");
  });

  it("renews once for two requests refused together, and retries both", async () => {
    let validToken = "access-1";
    const authorized = (answer: () => Response) => (request: Request) =>
      bearer(request) === `Bearer ${validToken}` ? answer() : unauthorized();
    let finishRefresh = () => {};
    const api = stubApi({
      "GET /api/v1/auth/me": authorized(() => json(adminMe)),
      "GET /api/v1/users": authorized(() =>
        json({ items: [someUser], total: 1, page: 1, per_page: 20 }),
      ),
      "GET /api/v1/users/5": authorized(() => json(someUser)),
      "GET /api/v1/organizations": authorized(() => json(emptyTree)),
      // Answers only once both requests have failed: they must share this one call.
      "POST /api/v1/auth/refresh": () =>
        new Promise((resolve) => {
          finishRefresh = () => resolve(tokens("access-2", "refresh-2"));
        }),
    });
    startSession("access-1", "refresh-1");
    renderApp("/users");
    const row = await screen.findByText("tran.thi.binh");
    // The server stops accepting the access token (it expired); opening the user loads the user
    // and the organisation tree at once.
    validToken = "access-2";
    await userEvent.click(row);

    await waitFor(() => {
      expect(api.requests("GET /api/v1/users/5")).toHaveLength(1);
      expect(api.requests("GET /api/v1/organizations")).toHaveLength(1);
    });
    finishRefresh();

    expect(await screen.findByText("Chưa có vai trò nào")).toBeInTheDocument();
    expect(api.requests("POST /api/v1/auth/refresh")).toHaveLength(1);
    const retried = [
      ...api.requests("GET /api/v1/users/5"),
      ...api.requests("GET /api/v1/organizations"),
    ].map(bearer);
    expect(retried).toEqual([
      "Bearer access-1",
      "Bearer access-2",
      "Bearer access-1",
      "Bearer access-2",
    ]);
    expect(window.localStorage.getItem("kiemdiem.refresh")).toBe("refresh-2");
  });

  it("logs out when the renewed token is refused too", async () => {
    const api = stubApi({
      "GET /api/v1/auth/me": unauthorized,
      "POST /api/v1/auth/refresh": () => tokens("access-2", "refresh-2"),
    });
    startSession("access-1", "refresh-1");
    renderApp("/users");

    expect(await screen.findByRole("heading", { name: "Đăng nhập" })).toBeInTheDocument();
    expect(api.requests("GET /api/v1/auth/me").map(bearer)).toEqual([
      "Bearer access-1",
      "Bearer access-2",
    ]);
    expect(api.requests("POST /api/v1/auth/refresh")).toHaveLength(1);
    expect(window.localStorage.getItem("kiemdiem.refresh")).toBeNull();
  });

  it("shows the login page when the stored refresh token is refused (e.g. reused)", async () => {
    window.localStorage.setItem("kiemdiem.refresh", "refresh-0");
    const api = stubApi({
      "POST /api/v1/auth/refresh": unauthorized,
      "GET /api/v1/auth/me": unauthorized,
    });
    renderApp("/organizations");

    expect(await screen.findByRole("heading", { name: "Đăng nhập" })).toBeInTheDocument();
    expect(window.localStorage.getItem("kiemdiem.refresh")).toBeNull();
    expect(api.requests("POST /api/v1/auth/refresh")).toHaveLength(1);
    expect(api.requests("GET /api/v1/auth/me").map(bearer)).not.toContain(expect.anything());
  });
});
