import { expect, test, type Page } from "@playwright/test";
import { logIn, logOut } from "./session.js";

// The administrator made by the webServer command (playwright.config.ts) for this run.
const adminPassword = process.env.KIEMDIEM_E2E_ADMIN_PASSWORD ?? "";
// Codes and names are unique per run, in case the database is shared with another test.
const run = Date.now().toString(36).toUpperCase();

async function openMenu(page: Page, item: string) {
  await page.getByRole("menu").getByRole("link", { name: item }).click();
  await expect(page.getByRole("heading", { level: 2, name: item })).toBeVisible();
}

/** Fills and submits the organisation dialog, then waits for the new node in the tree. */
async function submitOrganization(page: Page, name: string, code: string) {
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Tên tổ chức").fill(name);
  await dialog.getByLabel("Mã").fill(code);
  await dialog.getByRole("button", { name: "Tạo" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId(`org-node-${code}`)).toBeVisible();
}

async function createUnder(page: Page, parentCode: string, name: string, code: string) {
  await page.getByTestId(`org-node-${parentCode}`).click();
  await expect(page.getByTestId("org-detail")).toBeVisible();
  await page.getByRole("button", { name: /Thêm tổ chức trực thuộc/ }).click();
  await submitOrganization(page, name, code);
}

test("an admin builds the tree and a branch committee sees only its branch", async ({ page }) => {
  expect(adminPassword, "KIEMDIEM_E2E_ADMIN_PASSWORD is set by playwright.config.ts").not.toBe("");
  const province = { code: `TINH-${run}`, name: `Tỉnh ủy Thử nghiệm ${run}` };
  const district = { code: `HUYEN-${run}`, name: `Huyện ủy Thử nghiệm ${run}` };
  const base = { code: `DBCS-${run}`, name: `Đảng bộ Trường Thử nghiệm ${run}` };
  const branch = { code: `CB-${run}`, name: `Chi bộ Khoa Toán ${run}` };
  const username = `chiuy.${run.toLowerCase()}`;
  const password = `mat-khau-${run}-dai`;

  await logIn(page, "admin", adminPassword);
  await expect(page.getByTestId("user-menu-button")).toHaveText(/admin/);

  await openMenu(page, "Tổ chức đảng");
  // A province, unless the database already has one (then the first one shown is used).
  const tree = page.getByRole("tree");
  const empty = page.getByText("Chưa có tổ chức nào");
  await expect(empty.or(tree)).toBeVisible();
  if (await empty.isVisible()) {
    await page.getByRole("button", { name: /Thêm Tỉnh ủy/ }).click();
    await submitOrganization(page, province.name, province.code);
  } else {
    const first = tree.locator('[data-testid^="org-node-"]').first();
    province.code = ((await first.getAttribute("data-testid")) ?? "").replace(/^org-node-/, "");
  }
  await createUnder(page, province.code, district.name, district.code);
  await createUnder(page, district.code, base.name, base.code);
  await createUnder(page, base.code, branch.name, branch.code);

  await openMenu(page, "Người dùng");
  await page.getByRole("button", { name: /Thêm người dùng/ }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Tên đăng nhập").fill(username);
  await dialog.getByLabel("Tên hiển thị").fill(`Bí thư Chi bộ ${run}`);
  await dialog.getByLabel("Mật khẩu").fill(password);
  await dialog.getByRole("button", { name: /Thêm vai trò/ }).click();
  // A click during the dropdown's opening animation can miss: choose again until the
  // organisation field stops asking for a role first.
  await expect(async () => {
    await dialog.getByRole("combobox", { name: "Vai trò" }).click();
    await page.locator('.ant-select-item-option[title="Chi ủy"]').click({ timeout: 2000 });
    await expect(dialog.getByText("Chọn vai trò trước")).toHaveCount(0, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  // The same for the organisation: pick again until the field shows the branch.
  const orgField = dialog.getByRole("combobox", { name: "Tổ chức" });
  await expect(async () => {
    await orgField.click();
    await orgField.fill(branch.name);
    await page
      .locator(".ant-select-tree-node-content-wrapper")
      .filter({ hasText: branch.name })
      .click({ timeout: 2000 });
    // A chosen value shows with its label as title (the role's field, then this one).
    await expect(dialog.getByTitle(`${branch.name} (Chi bộ)`, { exact: true })).toBeVisible({
      timeout: 1000,
    });
    await expect(dialog.getByTitle("Chi ủy", { exact: true })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await dialog.getByRole("button", { name: "Tạo" }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole("row").filter({ hasText: username });
  await expect(row).toContainText(`Chi ủy — ${branch.name}`);

  await logOut(page);
  await logIn(page, username, password);
  await expect(page.getByTestId("user-menu-button")).toHaveText(new RegExp(`Bí thư Chi bộ ${run}`));
  const menu = page.getByRole("menu");
  await expect(menu.getByRole("link", { name: "Người dùng" })).toHaveCount(0);
  await expect(menu.getByRole("link", { name: "Nhật ký hệ thống" })).toHaveCount(0);

  await openMenu(page, "Tổ chức đảng");
  await expect(page.getByTestId(`org-node-${branch.code}`)).toBeVisible();
  await expect(page.getByTestId(`org-node-${base.code}`)).toHaveCount(0);
  await expect(page.getByTestId(`org-node-${district.code}`)).toHaveCount(0);
  await expect(page.getByTestId(`org-node-${province.code}`)).toHaveCount(0);
  // A branch committee reads its branch but changes nothing in the tree.
  await page.getByTestId(`org-node-${branch.code}`).click();
  await expect(page.getByTestId("org-detail")).toBeVisible();
  await expect(page.getByRole("button", { name: /Thêm tổ chức trực thuộc/ })).toHaveCount(0);

  // The users page is refused when typed in.
  await page.goto("/users");
  await expect(page.getByText("Không có quyền truy cập")).toBeVisible();
});
