import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { adminMe, json, problem, startSession, stubApi } from "@/testing/api";
import { renderApp } from "@/testing/render-app";

function formItemOf(input: HTMLElement): HTMLElement {
  const item = input.closest<HTMLElement>(".ant-form-item");
  if (item === null) throw new Error("not in a form item");
  return item;
}

describe("creating a user", () => {
  it("marks each field the server found invalid (422) with its message", async () => {
    startSession();
    const api = stubApi({
      "GET /api/v1/auth/me": () => json(adminMe),
      "GET /api/v1/users": () => json({ items: [], total: 0, page: 1, per_page: 20 }),
      "POST /api/v1/users": () =>
        problem(422, "validation_failed", "Có 2 trường dữ liệu không hợp lệ: username, password", [
          { field: "username", code: "reserved", message: "Tên đăng nhập này đã được dành riêng" },
          { field: "password", code: "weak", message: "Mật khẩu quá dễ đoán" },
        ]),
    });
    renderApp("/users");

    await userEvent.click(await screen.findByRole("button", { name: /Thêm người dùng/ }));
    const dialog = await screen.findByRole("dialog");
    const username = within(dialog).getByLabelText("Tên đăng nhập");
    const displayName = within(dialog).getByLabelText("Tên hiển thị");
    const password = within(dialog).getByLabelText("Mật khẩu");
    await userEvent.type(username, "quan.tri");
    await userEvent.type(displayName, "Nguyễn Văn Bình");
    await userEvent.type(password, "1234567890");
    await userEvent.click(within(dialog).getByRole("button", { name: "Tạo" }));

    expect(
      await within(formItemOf(username)).findByText("Tên đăng nhập này đã được dành riêng"),
    ).toBeInTheDocument();
    expect(within(formItemOf(password)).getByText("Mật khẩu quá dễ đoán")).toBeInTheDocument();
    expect(username).toHaveAttribute("aria-invalid", "true");
    expect(password).toHaveAttribute("aria-invalid", "true");
    expect(displayName).not.toHaveAttribute("aria-invalid", "true");
    // Every error found its field: nothing is left for the form as a whole.
    expect(within(dialog).queryByRole("alert")).not.toBeInTheDocument();
    const [sent] = api.requests("POST /api/v1/users");
    expect(await sent.json()).toEqual({
      username: "quan.tri",
      display_name: "Nguyễn Văn Bình",
      password: "1234567890",
      roles: [],
    });
  });
});
