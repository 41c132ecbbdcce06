import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { components } from "@/api/schema";
import { userOf } from "@/features/users/testing/fixtures";
import { json, meWith, startSession, stubApi } from "@/testing/api";
import { openSelect, optionTitles } from "@/testing/select";
import { renderApp } from "@/testing/render-app";

type User = components["schemas"]["User"];

// The pencil of the display name (antd's Typography editable, in Vietnamese), and the e-mail's.
const editName = "Chỉnh sửa";
const editEmail = "Sửa thư điện tử";

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

// Member records, as GET /members answers (the fields the drawer reads).
const mai = { id: 41, full_name: "Trần Thị Mai", branch_id: 30, branch_name: branch.name };
const minh = { id: 42, full_name: "Trần Văn Minh", branch_id: 30, branch_name: branch.name };
const memberLogin = userOf({ id: 7, username: "tran.thi.mai", display_name: "Trần Thị Mai" });

function usersApi(users: User[], extra: Parameters<typeof stubApi>[0] = {}) {
  return stubApi({
    ...extra,
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
    expect(within(drawer).getByRole("button", { name: editEmail })).toBeInTheDocument();
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
    expect(within(drawer).queryByRole("button", { name: editEmail })).not.toBeInTheDocument();
    expect(within(drawer).queryByText("Phải đổi mật khẩu")).not.toBeInTheDocument();
  });

  it("links a login to a member record picked by name without diacritics", async () => {
    startSession();
    let current = memberLogin;
    const api = usersApi([memberLogin], {
      "GET /api/v1/users/7": () => json(current),
      "GET /api/v1/members": (request) => {
        const q = new URL(request.url).searchParams.get("q");
        const items = q === "tran thi" ? [mai] : [mai, minh];
        return json({ items, total: items.length, page: 1, per_page: 20 });
      },
      "GET /api/v1/members/41": () => json(mai),
      "PATCH /api/v1/users/7": async (request) => {
        const body = (await request.clone().json()) as { member_id: number | null };
        current = { ...current, member_id: body.member_id };
        return json(current);
      },
    });
    renderApp("/users");

    const drawer = await openUser("Trần Thị Mai");
    const shown = within(drawer).getByTestId("user-member");
    expect(shown).toHaveTextContent("Chưa gắn với hồ sơ đảng viên nào");

    const picker = within(drawer).getByLabelText("Gắn với hồ sơ đảng viên");
    const dropdown = await openSelect(picker);
    await userEvent.type(picker, "tran thi");
    await waitFor(() =>
      expect(optionTitles(dropdown)).toEqual(["Trần Thị Mai — Chi bộ Khoa Toán"]),
    );
    const asked = api.requests("GET /api/v1/members").map((request) => new URL(request.url));
    expect(asked.at(-1)?.searchParams.get("q")).toBe("tran thi");
    await userEvent.click(within(dropdown).getByTitle("Trần Thị Mai — Chi bộ Khoa Toán"));

    await waitFor(() => expect(api.requests("PATCH /api/v1/users/7")).toHaveLength(1));
    expect(await api.requests("PATCH /api/v1/users/7")[0].json()).toEqual({ member_id: 41 });
    expect(
      await screen.findByText("Đã gắn tài khoản với hồ sơ của Trần Thị Mai"),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(within(drawer).getByTestId("user-member")).toHaveTextContent(
        "Trần Thị Mai — Chi bộ Khoa Toán",
      ),
    );

    await userEvent.click(within(drawer).getByRole("button", { name: "Bỏ gắn" }));
    const confirm = await screen.findByText("Bỏ gắn tài khoản với hồ sơ của Trần Thị Mai?");
    const popover = confirm.closest<HTMLElement>(".ant-popover") as HTMLElement;
    await userEvent.click(within(popover).getByRole("button", { name: "Bỏ gắn" }));
    await waitFor(() => expect(api.requests("PATCH /api/v1/users/7")).toHaveLength(2));
    expect(await api.requests("PATCH /api/v1/users/7")[1].json()).toEqual({ member_id: null });
    await waitFor(() =>
      expect(within(drawer).getByTestId("user-member")).toHaveTextContent(
        "Chưa gắn với hồ sơ đảng viên nào",
      ),
    );
  });

  it("sets, checks and removes the login's own e-mail address", async () => {
    startSession();
    let current = userOf({
      id: 8,
      username: "le.van.an",
      display_name: "Lê Văn An",
      email: "an@truong.edu.vn",
    });
    const api = usersApi([current], {
      "GET /api/v1/users/8": () => json(current),
      "PATCH /api/v1/users/8": async (request) => {
        const body = (await request.clone().json()) as { email: string | null };
        current = { ...current, email: body.email };
        return json(current);
      },
    });
    renderApp("/users");

    const drawer = await openUser("Lê Văn An");
    const shown = within(drawer).getByTestId("user-email");
    expect(shown).toHaveTextContent("an@truong.edu.vn");
    expect(shown).toHaveTextContent(
      "Nhận danh sách việc cần làm hằng ngày qua thư điện tử; để trống thì dùng địa chỉ trong hồ sơ đảng viên.",
    );

    const edit = async (text: string) => {
      await userEvent.click(within(drawer).getByRole("button", { name: editEmail }));
      const box = within(within(drawer).getByTestId("user-email")).getByRole("textbox");
      await userEvent.clear(box);
      if (text !== "") await userEvent.type(box, text);
      // antd's editable confirms on Enter by `keyCode`, which user-event does not set.
      fireEvent.keyDown(box, { key: "Enter", keyCode: 13 });
      fireEvent.keyUp(box, { key: "Enter", keyCode: 13 });
    };

    await edit("  an.le@truong.edu.vn ");
    await waitFor(() => expect(api.requests("PATCH /api/v1/users/8")).toHaveLength(1));
    expect(await api.requests("PATCH /api/v1/users/8")[0].json()).toEqual({
      email: "an.le@truong.edu.vn",
    });
    await waitFor(() =>
      expect(within(drawer).getByTestId("user-email")).toHaveTextContent("an.le@truong.edu.vn"),
    );

    // Not an address: said at once, nothing sent.
    await edit("an.le");
    expect(await screen.findByText("Địa chỉ thư điện tử không hợp lệ")).toBeInTheDocument();
    expect(api.requests("PATCH /api/v1/users/8")).toHaveLength(1);

    // Emptied: removed, and the member record's address is used.
    await edit("");
    await waitFor(() => expect(api.requests("PATCH /api/v1/users/8")).toHaveLength(2));
    expect(await api.requests("PATCH /api/v1/users/8")[1].json()).toEqual({ email: null });
    await waitFor(() =>
      expect(within(drawer).getByTestId("user-email")).toHaveTextContent("Chưa có"),
    );
  });
});
