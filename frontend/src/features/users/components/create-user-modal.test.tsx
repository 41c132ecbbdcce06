import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { adminMe, json, problem, startSession, stubApi } from "@/testing/api";
import { renderApp } from "@/testing/render-app";
import { openSelect } from "@/testing/select";

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

  it("links the new login to a member record picked by name", async () => {
    startSession();
    const mai = {
      id: 41,
      full_name: "Trần Thị Mai",
      branch_id: 30,
      branch_name: "Chi bộ Khoa Toán",
    };
    const api = stubApi({
      "GET /api/v1/auth/me": () => json(adminMe),
      "GET /api/v1/users": () => json({ items: [], total: 0, page: 1, per_page: 20 }),
      "GET /api/v1/members": () => json({ items: [mai], total: 1, page: 1, per_page: 20 }),
      "GET /api/v1/members/41": () => json(mai),
      "POST /api/v1/users": () => problem(409, "username_taken", "Tên đăng nhập đã có"),
    });
    renderApp("/users");

    await userEvent.click(await screen.findByRole("button", { name: /Thêm người dùng/ }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.type(within(dialog).getByLabelText("Tên đăng nhập"), "tran.thi.mai");
    await userEvent.type(within(dialog).getByLabelText("Tên hiển thị"), "Trần Thị Mai");
    await userEvent.type(within(dialog).getByLabelText("Mật khẩu"), "1234567890");
    const picker = within(dialog).getByLabelText("Hồ sơ đảng viên");
    const dropdown = await openSelect(picker);
    await userEvent.type(picker, "mai");
    await userEvent.click(await within(dropdown).findByTitle("Trần Thị Mai — Chi bộ Khoa Toán"));
    await userEvent.click(within(dialog).getByRole("button", { name: "Tạo" }));

    await waitFor(() => expect(api.requests("POST /api/v1/users")).toHaveLength(1));
    expect(await api.requests("POST /api/v1/users")[0].json()).toMatchObject({
      username: "tran.thi.mai",
      member_id: 41,
    });
  });

  it("sends the e-mail address when one is filled in, and shows the server's objection", async () => {
    startSession();
    const api = stubApi({
      "GET /api/v1/auth/me": () => json(adminMe),
      "GET /api/v1/users": () => json({ items: [], total: 0, page: 1, per_page: 20 }),
      "POST /api/v1/users": () =>
        problem(422, "validation_failed", "Có 1 trường dữ liệu không hợp lệ: email", [
          { field: "email", code: "email", message: "Địa chỉ thư điện tử không hợp lệ (máy chủ)" },
        ]),
    });
    renderApp("/users");

    await userEvent.click(await screen.findByRole("button", { name: /Thêm người dùng/ }));
    const dialog = await screen.findByRole("dialog");
    const email = within(dialog).getByLabelText("Thư điện tử");
    expect(formItemOf(email)).toHaveTextContent(
      "để trống thì dùng địa chỉ trong hồ sơ đảng viên",
    );
    await userEvent.type(within(dialog).getByLabelText("Tên đăng nhập"), "le.van.an");
    await userEvent.type(within(dialog).getByLabelText("Tên hiển thị"), "Lê Văn An");
    await userEvent.type(within(dialog).getByLabelText("Mật khẩu"), "1234567890");

    // Not an address: the form says so and sends nothing.
    await userEvent.type(email, "an.le");
    await userEvent.click(within(dialog).getByRole("button", { name: "Tạo" }));
    expect(
      await within(formItemOf(email)).findByText("Địa chỉ thư điện tử không hợp lệ"),
    ).toBeInTheDocument();
    expect(api.requests("POST /api/v1/users")).toHaveLength(0);

    await userEvent.clear(email);
    await userEvent.type(email, "an.le@truong.edu.vn");
    await userEvent.click(within(dialog).getByRole("button", { name: "Tạo" }));

    await waitFor(() => expect(api.requests("POST /api/v1/users")).toHaveLength(1));
    expect(await api.requests("POST /api/v1/users")[0].json()).toEqual({
      username: "le.van.an",
      display_name: "Lê Văn An",
      email: "an.le@truong.edu.vn",
      password: "1234567890",
      roles: [],
    });
    expect(
      await within(formItemOf(email)).findByText("Địa chỉ thư điện tử không hợp lệ (máy chủ)"),
    ).toBeInTheDocument();
    expect(email).toHaveAttribute("aria-invalid", "true");
    expect(within(dialog).queryByRole("alert")).not.toBeInTheDocument();
  });

  it("leaves the e-mail out when it is emptied again", async () => {
    startSession();
    const api = stubApi({
      "GET /api/v1/auth/me": () => json(adminMe),
      "GET /api/v1/users": () => json({ items: [], total: 0, page: 1, per_page: 20 }),
      "POST /api/v1/users": () => problem(409, "username_taken", "Tên đăng nhập đã có"),
    });
    renderApp("/users");

    await userEvent.click(await screen.findByRole("button", { name: /Thêm người dùng/ }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.type(within(dialog).getByLabelText("Tên đăng nhập"), "le.van.an");
    await userEvent.type(within(dialog).getByLabelText("Tên hiển thị"), "Lê Văn An");
    await userEvent.type(within(dialog).getByLabelText("Mật khẩu"), "1234567890");
    const email = within(dialog).getByLabelText("Thư điện tử");
    await userEvent.type(email, "an@truong.edu.vn");
    await userEvent.clear(email);
    await userEvent.click(within(dialog).getByRole("button", { name: "Tạo" }));

    await waitFor(() => expect(api.requests("POST /api/v1/users")).toHaveLength(1));
    expect(await api.requests("POST /api/v1/users")[0].json()).not.toHaveProperty("email");
  });
});
