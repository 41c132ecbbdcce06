import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  adminMe,
  bearer,
  json,
  problem,
  startSession,
  stubApi,
  tokens,
} from "@/testing/api";
import { renderApp } from "@/testing/render-app";

const resetMe = { ...adminMe, must_change_password: true };
const organizations = () => json({ items: [], tree: [], total: 0, page: 1, per_page: 100 });

async function logIn() {
  await userEvent.type(await screen.findByLabelText("Tên đăng nhập"), "admin");
  await userEvent.type(screen.getByLabelText("Mật khẩu"), "mat-khau-tam-1");
  await userEvent.click(screen.getByRole("button", { name: "Đăng nhập" }));
}

async function changePassword(container: HTMLElement, current: string, next: string, again = next) {
  const form = await screen.findByTestId("change-password-form");
  expect(form).toBe(container.querySelector('[data-testid="change-password-form"]'));
  await userEvent.type(screen.getByLabelText("Mật khẩu hiện tại"), current);
  await userEvent.type(screen.getByLabelText("Mật khẩu mới"), next);
  await userEvent.type(screen.getByLabelText("Nhập lại mật khẩu mới"), again);
  await userEvent.click(screen.getByRole("button", { name: "Đổi mật khẩu" }));
}

describe("a password set by someone else", () => {
  it("must be changed right after the login; the new session is kept and the app shown", async () => {
    const api = stubApi({
      "POST /api/v1/auth/login": () => tokens("access-1", "refresh-1", resetMe),
      "POST /api/v1/auth/password": () => tokens("access-2", "refresh-2", adminMe),
      "GET /api/v1/organizations": organizations,
    });
    renderApp("/organizations");
    await logIn();

    const page = await screen.findByTestId("change-password-page");
    expect(page).toHaveTextContent(
      "Mật khẩu của đồng chí do người quản trị đặt lại; hãy đặt mật khẩu mới trước khi tiếp tục.",
    );
    // Nothing of the app is shown (nor asked for) meanwhile.
    expect(screen.queryByTestId("user-menu-button")).not.toBeInTheDocument();
    expect(within(page).getByRole("button", { name: "Đăng xuất" })).toBeInTheDocument();

    // The confirmation is compared here, before anything is sent.
    await changePassword(page, "mat-khau-tam-1", "mat-khau-moi-dai", "mat-khau-khac-dai");
    expect(await screen.findByText("Hai lần nhập mật khẩu mới không khớp")).toBeInTheDocument();
    expect(api.requests("POST /api/v1/auth/password")).toHaveLength(0);
    const confirm = screen.getByLabelText("Nhập lại mật khẩu mới");
    await userEvent.clear(confirm);
    await userEvent.type(confirm, "mat-khau-moi-dai");
    await userEvent.click(screen.getByRole("button", { name: "Đổi mật khẩu" }));

    expect(await screen.findByRole("heading", { name: "Tổ chức đảng" })).toBeInTheDocument();
    expect(screen.queryByTestId("change-password-page")).not.toBeInTheDocument();
    const [change] = api.requests("POST /api/v1/auth/password");
    expect(bearer(change)).toBe("Bearer access-1");
    expect(await change.json()).toEqual({
      current_password: "mat-khau-tam-1",
      new_password: "mat-khau-moi-dai",
    });
    // The old session ended on the server: the new tokens replace it.
    expect(window.localStorage.getItem("kiemdiem.refresh")).toBe("refresh-2");
    await screen.findByText("Chưa có tổ chức nào");
    expect(bearer(api.requests("GET /api/v1/organizations")[0])).toBe("Bearer access-2");
  });

  it("shows a wrong current password under its field and stays on the form", async () => {
    startSession();
    stubApi({
      "GET /api/v1/auth/me": () => json(resetMe),
      "POST /api/v1/auth/password": () =>
        problem(422, "validation_failed", "Có 1 trường dữ liệu không hợp lệ: current_password", [
          {
            field: "current_password",
            code: "wrong_password",
            message: "Mật khẩu hiện tại không đúng",
          },
        ]),
    });
    renderApp("/");

    const page = await screen.findByTestId("change-password-page");
    await changePassword(page, "sai-mat-khau", "mat-khau-moi-dai");

    const current = screen.getByLabelText("Mật khẩu hiện tại");
    const item = current.closest<HTMLElement>(".ant-form-item");
    expect(await within(item!).findByText("Mật khẩu hiện tại không đúng")).toBeInTheDocument();
    expect(current).toHaveAttribute("aria-invalid", "true");
    // The error found its field: nothing is left for the form as a whole.
    expect(screen.queryByText(/Có 1 trường/)).not.toBeInTheDocument();
    expect(screen.getByTestId("change-password-page")).toBeInTheDocument();
    expect(window.localStorage.getItem("kiemdiem.refresh")).toBe("refresh-1");
  });

  it("is asked for when any request answers 403 password_change_required", async () => {
    startSession();
    stubApi({
      "GET /api/v1/auth/me": () => json(adminMe),
      "GET /api/v1/organizations": () =>
        problem(403, "password_change_required", "Hãy đổi mật khẩu trước khi tiếp tục"),
    });
    renderApp("/organizations");

    const page = await screen.findByTestId("change-password-page");
    expect(within(page).getByLabelText("Mật khẩu hiện tại")).toBeInTheDocument();
    expect(screen.queryByTestId("user-menu-button")).not.toBeInTheDocument();
  });

  it("can be changed by anyone from the user menu", async () => {
    startSession();
    const api = stubApi({
      "GET /api/v1/auth/me": () => json(adminMe),
      "POST /api/v1/auth/password": () => tokens("access-2", "refresh-2", adminMe),
    });
    renderApp("/");

    await userEvent.click(await screen.findByTestId("user-menu-button"));
    await userEvent.click(await screen.findByRole("button", { name: /Đổi mật khẩu/ }));
    const dialog = await screen.findByRole("dialog");
    await changePassword(dialog, "mat-khau-cu-dai", "mat-khau-moi-dai");

    await waitFor(() =>
      expect(screen.queryByTestId("change-password-form")).not.toBeInTheDocument(),
    );
    expect(await screen.findByText("Đã đổi mật khẩu")).toBeInTheDocument();
    expect(api.requests("POST /api/v1/auth/password")).toHaveLength(1);
    expect(window.localStorage.getItem("kiemdiem.refresh")).toBe("refresh-2");
  });
});
