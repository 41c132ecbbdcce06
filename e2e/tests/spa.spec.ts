import { expect, test, type Page } from "@playwright/test";

const appTitle = "kiemdiem — Kiểm điểm, đánh giá, xếp loại đảng viên";

async function expectReadyOnSqlite(page: Page) {
  await expect(page.getByTestId("status-ready")).toContainText("Hệ thống sẵn sàng");
  await expect(page.getByTestId("status-database")).toHaveText("SQLite");
  await expect(page.getByTestId("status-checked-at")).toHaveText(
    /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/,
  );
}

test("a visitor lands on the Vietnamese login page, with only the login in the menu", async ({
  page,
}) => {
  await page.goto("/");

  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("heading", { name: appTitle })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Đăng nhập" })).toBeVisible();
  const menu = page.getByRole("menu");
  await expect(menu.getByRole("link", { name: "Đăng nhập" })).toBeVisible();
  // The system's status and the API documentation are for administrators and committees.
  await expect(menu.getByRole("link", { name: "Trạng thái hệ thống" })).toHaveCount(0);
  await expect(menu.getByRole("link", { name: "Tài liệu API" })).toHaveCount(0);
});

test("a deep link to /status is served by the SPA", async ({ page }) => {
  const response = await page.goto("/status");

  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: appTitle })).toBeVisible();
  await expectReadyOnSqlite(page);
});

test("an unknown page shows the not-found page", async ({ page }) => {
  await page.goto("/khong-co-trang-nay");

  await expect(page.getByText("Không tìm thấy trang")).toBeVisible();
});

test("the English switch translates the app and is remembered", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("menu").getByText("Đăng nhập")).toBeVisible();

  await page.getByTestId("locale-switch").getByText("English").click();

  const menu = page.getByRole("menu");
  await expect(menu.getByRole("link", { name: "Log in" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Log in" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  await page.reload();
  await expect(page.getByRole("menu").getByRole("link", { name: "Log in" })).toBeVisible();
});
