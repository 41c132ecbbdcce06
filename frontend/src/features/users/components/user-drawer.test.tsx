import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { components } from "@/api/schema";
import { userOf } from "@/features/users/testing/fixtures";
import { json, meWith, startSession, stubApi } from "@/testing/api";
import { renderApp } from "@/testing/render-app";

type User = components["schemas"]["User"];

// The pencil of the display name (antd's Typography editable, in Vietnamese).
const editName = /sửa/i;

const notManageable =
  "Chỉ quản lý được người dùng có mọi vai trò ở cấp dưới trong phạm vi của mình";
const branch = {
  id: 30,
  kind: "branch",
  code: "CB-30",
  name: "Chi bộ Khoa Toán",
  parent_id: 20,
  ancestor_ids: [20],
  created_at: "2026-11-20T01:30:00Z",
  updated_at: "2026-11-20T01:30:00Z",
  children: [],
};
const base = {
  ...branch,
  id: 20,
  kind: "base",
  code: "DB-20",
  name: "Đảng bộ Trường",
  parent_id: null,
  ancestor_ids: [],
  children: [branch],
};

const secretary = userOf({
  id: 5,
  username: "bi.thu",
  display_name: "Bí thư Chi bộ",
  must_change_password: true,
  roles: [
    { id: 50, role: "branch_committee", organization_id: 30, organization_name: branch.name },
  ],
});
// Also a committee above: the API shows only the role inside the caller's scope.
const peer = userOf({
  id: 6,
  username: "pho.bi.thu",
  display_name: "Phó Bí thư Đảng ủy",
  manageable: false,
  roles: [{ id: 60, role: "member", organization_id: 30, organization_name: branch.name }],
});

function usersApi(users: User[]) {
  return stubApi({
    "GET /api/v1/auth/me": () => json(meWith("committee", 20, base.name)),
    "GET /api/v1/users": () => json({ items: users, total: users.length, page: 1, per_page: 20 }),
    "GET /api/v1/users/5": () => json(secretary),
    "GET /api/v1/users/6": () => json(peer),
    "GET /api/v1/organizations": () =>
      json({ items: [], tree: [base], total: 0, page: 1, per_page: 100 }),
  });
}

async function openUser(name: string): Promise<HTMLElement> {
  await userEvent.click(await screen.findByText(name));
  const drawer = (await screen.findByRole("dialog")).closest<HTMLElement>(".ant-drawer");
  if (drawer === null) throw new Error("no drawer");
  await within(drawer).findByText("Trạng thái");
  return drawer;
}

describe("the users drawer", () => {
  it("offers a manageable user's actions and says the next login changes the password", async () => {
    startSession();
    usersApi([secretary, peer]);
    renderApp("/users");

    const row = (await screen.findByText("bi.thu")).closest("tr")!;
    expect(within(row).getByText("Phải đổi mật khẩu")).toBeInTheDocument();
    const drawer = await openUser("Bí thư Chi bộ");

    expect(within(drawer).queryByText(notManageable)).not.toBeInTheDocument();
    expect(within(drawer).getByRole("switch", { name: "Cho phép đăng nhập" })).toBeEnabled();
    expect(within(drawer).getByRole("button", { name: editName })).toBeInTheDocument();
    expect(within(drawer).getByText("Phải đổi mật khẩu")).toBeInTheDocument();
    expect(within(drawer).getByRole("button", { name: "Thu hồi" })).toBeInTheDocument();
    expect(within(drawer).getByRole("button", { name: /Gán vai trò/ })).toBeInTheDocument();
    expect(within(drawer).getByRole("button", { name: "Đặt mật khẩu" })).toBeInTheDocument();
    expect(within(drawer).getByLabelText("Mật khẩu").closest(".ant-form-item")).toHaveTextContent(
      "Người dùng sẽ phải đổi mật khẩu ở lần đăng nhập sau",
    );
  });

  it("only shows a user the caller does not manage", async () => {
    startSession();
    usersApi([secretary, peer]);
    renderApp("/users");

    const drawer = await openUser("Phó Bí thư Đảng ủy");

    expect(within(drawer).getByText(notManageable)).toBeInTheDocument();
    expect(within(drawer).getByText("Đảng viên — Chi bộ Khoa Toán")).toBeInTheDocument();
    expect(within(drawer).getByRole("switch", { name: "Cho phép đăng nhập" })).toBeDisabled();
    expect(within(drawer).queryByRole("button", { name: "Thu hồi" })).not.toBeInTheDocument();
    expect(within(drawer).queryByRole("button", { name: /Gán vai trò/ })).not.toBeInTheDocument();
    expect(within(drawer).queryByRole("button", { name: "Đặt mật khẩu" })).not.toBeInTheDocument();
    expect(within(drawer).queryByLabelText("Mật khẩu")).not.toBeInTheDocument();
    expect(within(drawer).queryByRole("button", { name: editName })).not.toBeInTheDocument();
    expect(within(drawer).queryByText("Phải đổi mật khẩu")).not.toBeInTheDocument();
  });
});
