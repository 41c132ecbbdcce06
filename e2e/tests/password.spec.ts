import { expect, test } from "@playwright/test";
import { logIn, logOut } from "./session.js";

// The administrator made by the webServer command (playwright.config.ts) for this run.
const adminPassword = process.env.KIEMDIEM_E2E_ADMIN_PASSWORD ?? "";
// Names are unique per run, in case the database is shared with another test.
const run = Date.now().toString(36).toUpperCase();
const username = `doimk.${run.toLowerCase()}`;
const displayName = `Người đổi mật khẩu ${run}`;
const resetPassword = `dat-lai-${run}-tam`;
const ownPassword = `cua-toi-${run}-moi`;

test("an admin resets a password and the user must change it at the next login (#13)", async ({
  page,
  request,
}) => {
  // The user, through the API, with a password of their own.
  const login = await request.post("/api/v1/auth/login", {
    data: { username: "admin", password: adminPassword },
  });
  expect(login.status()).toBe(200);
  const { access_token: token } = (await login.json()) as { access_token: string };
  const created = await request.post("/api/v1/users", {
    headers: { Authorization: `Bearer ${token}` },
    data: { username, display_name: displayName, password: `ban-dau-${run}-dai`, roles: [] },
  });
  expect(created.status(), await created.text()).toBe(201);

  // The admin sets a new password in the user's drawer.
  await logIn(page, "admin", adminPassword);
  await page.getByRole("menu").getByRole("link", { name: "Người dùng" }).click();
  await page.getByLabel("Tìm theo tên đăng nhập hoặc tên hiển thị").fill(username);
  await page.getByLabel("Tìm theo tên đăng nhập hoặc tên hiển thị").press("Enter");
  await page.getByRole("row").filter({ hasText: username }).click();
  const drawer = page.locator(".ant-drawer").filter({ hasText: displayName });
  await expect(drawer.getByText("Người dùng sẽ phải đổi mật khẩu ở lần đăng nhập sau")).toBeVisible();
  await drawer.getByLabel("Mật khẩu", { exact: true }).fill(resetPassword);
  await drawer.getByRole("button", { name: "Đặt mật khẩu" }).click();
  await expect(drawer.getByText("Phải đổi mật khẩu", { exact: true })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();
  await logOut(page);

  // The user logs in with it and is asked for a password of their own before anything else.
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu").fill(resetPassword);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  const form = page.getByTestId("change-password-page");
  await expect(
    form.getByText("Mật khẩu của đồng chí do người quản trị đặt lại; hãy đặt mật khẩu mới"),
  ).toBeVisible();
  await expect(page.getByTestId("user-menu-button")).toHaveCount(0);
  await form.getByLabel("Mật khẩu hiện tại", { exact: true }).fill(resetPassword);
  await form.getByLabel("Mật khẩu mới", { exact: true }).fill(ownPassword);
  await form.getByLabel("Nhập lại mật khẩu mới", { exact: true }).fill(ownPassword);
  await form.getByRole("button", { name: "Đổi mật khẩu" }).click();
  await expect(page.getByRole("heading", { level: 2, name: /^Xin chào, / })).toBeVisible();
  await expect(page.getByTestId("user-menu-button")).toHaveText(new RegExp(displayName));

  // The new password is the one that works from now on.
  await logOut(page);
  await logIn(page, username, ownPassword);
});
