import { expect, type Page } from "@playwright/test";

/** Logs in from the login page and waits for the home page (its greeting, then the agenda). */
export async function logIn(page: Page, username: string, secret: string) {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu").fill(secret);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("heading", { level: 2, name: /^Xin chào, / })).toBeVisible();
}

/** Logs out through the user menu and waits for the login page. */
export async function logOut(page: Page) {
  // The user menu opens with an animation: a click on it too early can miss, so try again.
  await expect(async () => {
    await page.getByTestId("user-menu-button").click();
    await page.getByRole("button", { name: /Đăng xuất/ }).click({ timeout: 2000 });
    await expect(page).toHaveURL(/\/login$/, { timeout: 2000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByRole("heading", { name: "Đăng nhập" })).toBeVisible();
}
