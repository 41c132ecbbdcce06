import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  expect,
  test,
  type APIRequestContext,
  type APIResponse,
} from "@playwright/test";
import { logIn } from "./session.js";

// The administrator made by the webServer command (playwright.config.ts) for this run.
const adminPassword = process.env.KIEMDIEM_E2E_ADMIN_PASSWORD ?? "";
// Codes and card numbers are unique per run, in case the database is shared with another test.
const run = Date.now().toString(36).toUpperCase();
const cardPrefix = Date.now().toString().slice(-8);

/** The tree down to a branch, made through the API (access.spec covers doing it in the SPA). */
async function createBranch(request: APIRequestContext) {
  const login = await request.post("/api/v1/auth/login", {
    data: { username: "admin", password: adminPassword },
  });
  expect(login.status()).toBe(200);
  const { access_token: token } = (await login.json()) as { access_token: string };
  const headers = { Authorization: `Bearer ${token}` };

  let parentId: number | null = null;
  const levels = [
    ["province", `Tỉnh ủy Đảng viên ${run}`, `TDV-${run}`],
    ["district", `Huyện ủy Đảng viên ${run}`, `HDV-${run}`],
    ["base", `Đảng bộ Trường Đảng viên ${run}`, `DBDV-${run}`],
    ["branch", `Chi bộ Khoa Hóa ${run}`, `CBHOA-${run}`],
  ] as const;
  for (const [kind, name, code] of levels) {
    const created: APIResponse = await request.post("/api/v1/organizations", {
      headers,
      data: { kind, name, code, parent_id: parentId },
    });
    expect(created.status(), `creating the ${kind}`).toBe(201);
    parentId = ((await created.json()) as { id: number }).id;
  }
  const [, name, code] = levels[3];
  return { id: parentId, name, code };
}

test("an admin imports members from a CSV, finds one without diacritics and edits her", async ({
  page,
  request,
}) => {
  expect(adminPassword, "KIEMDIEM_E2E_ADMIN_PASSWORD is set by playwright.config.ts").not.toBe("");
  const branch = await createBranch(request);
  const dir = mkdtempSync(join(tmpdir(), "kiemdiem-members-"));
  const file = join(dir, "dang-vien.csv");
  writeFileSync(
    file,
    [
      "Số thẻ đảng viên,Họ và tên,Giới tính,Ngày sinh,Mã chi bộ,Loại đảng viên,Ngày vào Đảng,Ngày chính thức,Đối tượng",
      `${cardPrefix}01,Nguyễn Văn Ánh,Nam,12/03/1978,${branch.code},Chính thức,19/05/2003,19/05/2004,CBCCVC`,
      `${cardPrefix}02,Đặng Thị Đào,Nữ,02/09/1995,${branch.code},Dự bị,03/02/2025,,CBCCVC`,
      `${cardPrefix}03,Lê Thị Hạ,Nữ,20/11/1988,${branch.code},Chính thức,10/10/2012,10/10/2013,CBCCVC`,
    ].join("\n") + "\n",
  );

  try {
    await logIn(page, "admin", adminPassword);
    await page.getByRole("menu").getByRole("link", { name: "Đảng viên" }).click();
    await expect(page.getByRole("heading", { level: 2, name: "Đảng viên" })).toBeVisible();
    await page.getByRole("button", { name: /Nhập từ tệp/ }).click();
    await expect(page).toHaveURL(/\/members\/import$/);

    // Step 1: the file. Step 2: the dry run's report; nothing is written yet.
    const wizard = page.getByTestId("members-import");
    await wizard.locator('input[type="file"]').setInputFiles(file);
    await wizard.getByRole("button", { name: "Kiểm tra tệp" }).click();
    await expect(wizard.getByTestId("import-rows")).toHaveText(/Số dòng\s*3/);
    await expect(wizard.getByTestId("import-created")).toHaveText(/Sẽ thêm\s*3/);
    await expect(wizard.getByTestId("import-updated")).toHaveText(/Sẽ cập nhật\s*0/);
    await expect(wizard.getByText("Tệp hợp lệ.", { exact: false })).toBeVisible();

    // Step 3: the real import.
    await wizard.getByRole("button", { name: "Nhập", exact: true }).click();
    await expect(wizard.getByText("Đã nhập xong")).toBeVisible();
    await expect(wizard.getByText("Thêm 3, cập nhật 0, không đổi 0.")).toBeVisible();
    await wizard.getByRole("link", { name: "Xem danh sách đảng viên" }).click();

    // The server ignores case and diacritics: typed without them, she is found.
    await expect(page.getByRole("heading", { level: 2, name: "Đảng viên" })).toBeVisible();
    await page.getByLabel("Tìm theo họ tên hoặc số thẻ").fill("dang thi dao");
    await expect(page).toHaveURL(/q=dang\+thi\+dao/);
    const rows = page.locator(".ant-table-tbody tr.ant-table-row");
    const dao = rows.filter({ hasText: "Đặng Thị Đào" }).filter({ hasText: branch.name });
    await expect(dao).toHaveCount(1);
    await expect(rows.filter({ hasText: "Nguyễn Văn Ánh" })).toHaveCount(0);
    await expect(dao).toContainText(`${cardPrefix}02`);
    await expect(dao).toContainText("02/09/1995");
    await expect(dao).toContainText("Dự bị");

    // A reload keeps the search (it lives in the address).
    await page.reload();
    await expect(page.getByLabel("Tìm theo họ tên hoặc số thẻ")).toHaveValue("dang thi dao");
    await expect(dao).toHaveCount(1);

    await dao.getByRole("link", { name: "Đặng Thị Đào" }).click();
    await expect(page.getByRole("heading", { level: 2, name: "Đặng Thị Đào" })).toBeVisible();
    const profile = page.getByTestId("member-profile");
    await expect(profile).toContainText(branch.name);
    await expect(profile).toContainText("Cán bộ, công chức, viên chức");

    await page.getByRole("button", { name: /Sửa/ }).click();
    const drawer = page.getByRole("dialog");
    await drawer.getByLabel("Điện thoại").fill("0912345678");
    await drawer.getByLabel("Đơn vị công tác").fill("Khoa Hóa học");
    await drawer.getByRole("button", { name: "Lưu" }).click();
    await expect(drawer).toBeHidden();
    await expect(profile).toContainText("0912345678");
    await expect(profile).toContainText("Khoa Hóa học");

    // Saved on the server, not only on the page.
    await page.reload();
    await expect(page.getByTestId("member-profile")).toContainText("0912345678");
    await expect(page.getByTestId("member-profile")).toContainText("Khoa Hóa học");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
