import { expect, test, type APIRequestContext } from "@playwright/test";
import { logIn } from "./session.js";

// The administrator made by the webServer command (playwright.config.ts) for this run.
const adminPassword = process.env.KIEMDIEM_E2E_ADMIN_PASSWORD ?? "";
// Codes and usernames are unique per run: the other specs share the database.
const run = Date.now().toString(36).toUpperCase();
// 2016: the plan's date for the summary (25/11/2016) has long passed, so the dossier is late.
const year = 2016;
const password = `mat-khau-${run}-dai`;
const baseUser = `danguy.hs.${run.toLowerCase()}`;
const districtUser = `thanhuy.hs.${run.toLowerCase()}`;
const baseName = `Đảng bộ Trường Hồ sơ ${run}`;
const memberName = `Trần Thị Hồ Sơ ${run}`;

/**
 * A district, a base with its 2016 cycle and self-assessment sheet (O4), a branch with a member
 * who is a cadre, and the users of the base's and the district's committees, via the API.
 */
async function setUp(request: APIRequestContext) {
  const login = await request.post("/api/v1/auth/login", {
    data: { username: "admin", password: adminPassword },
  });
  expect(login.status()).toBe(200);
  const { access_token: token } = (await login.json()) as { access_token: string };
  const headers = { Authorization: `Bearer ${token}` };
  const send = async (method: "post" | "put", url: string, data: unknown, status: number) => {
    const answer = await request[method](url, { headers, data });
    expect(answer.status(), `${method} ${url}: ${await answer.text()}`).toBe(status);
    const text = await answer.text();
    return (text ? JSON.parse(text) : {}) as { id: number };
  };

  let parentId: number | null = null;
  const ids: number[] = [];
  for (const [kind, name, code] of [
    ["province", `Tỉnh ủy Hồ sơ ${run}`, `TUHS-${run}`],
    ["district", `Thành ủy Hồ sơ ${run}`, `THS-${run}`],
    ["base", baseName, `DBHS-${run}`],
    ["branch", `Chi bộ Khoa Sử ${run}`, `CBHS-${run}`],
  ] as const) {
    parentId = (
      await send("post", "/api/v1/organizations", { kind, name, code, parent_id: parentId }, 201)
    ).id;
    ids.push(parentId);
  }
  const [, districtId, baseId, branchId] = ids;
  await send(
    "post",
    "/api/v1/members",
    {
      full_name: memberName,
      gender: "female",
      date_of_birth: "1979-04-02",
      branch_id: branchId,
      status: "official",
      admitted_on: "2004-05-19",
      official_on: "2005-05-19",
      category: "civil_servant",
      leadership_post: "Bí thư chi bộ",
      leadership_level: "grassroots",
    },
    201,
  );
  const cycle = await send(
    "post",
    "/api/v1/cycles",
    { organization_id: baseId, year, reference_date: `${year}-11-15` },
    201,
  );
  await send(
    "put",
    `/api/v1/cycles/${cycle.id}/organizations/${baseId}/assessment`,
    {
      self_points: { politics: 14, leadership: 27, organisation: 18, inspection: 13, mass: 18 },
    },
    200,
  );
  for (const [username, organizationId] of [
    [baseUser, baseId],
    [districtUser, districtId],
  ] as const) {
    await send(
      "post",
      "/api/v1/users",
      {
        username,
        display_name: `Cấp ủy ${username}`,
        password,
        roles: [{ role: "committee", organization_id: organizationId }],
      },
      201,
    );
  }
  return { districtId, baseId };
}

test("a base submits its yearly dossier late and the district returns it with a comment", async ({
  page,
  browser,
  request,
}) => {
  expect(adminPassword, "KIEMDIEM_E2E_ADMIN_PASSWORD is set by playwright.config.ts").not.toBe("");
  const { districtId, baseId } = await setUp(request);

  // The base's committee: the menu, its dossier of 2016, the documents, the ZIP, submit.
  await logIn(page, baseUser, password);
  await page.getByRole("menu").getByRole("link", { name: "Hồ sơ năm" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Hồ sơ năm" })).toBeVisible();
  await page.goto(`/dossiers?org=${baseId}&year=${year}`);
  await page.getByRole("link", { name: baseName }).click();
  await expect(page.getByText(`Hồ sơ năm ${year}: ${baseName}`)).toBeVisible();
  await expect(page.getByText("Bảng tổng hợp xếp loại cán bộ (XLSX)")).toBeVisible();
  await expect(page.getByText("Chưa đăng ký thi đua năm 2017")).toBeVisible();
  const document = page.waitForEvent("download");
  await page
    .getByRole("button", { name: "Tải về Bảng tổng hợp xếp loại cán bộ (XLSX)" })
    .click();
  expect((await document).suggestedFilename()).toBe("03-bang-tong-hop-xep-loai-can-bo.xlsx");
  const draft = page.waitForEvent("download");
  await page.getByRole("button", { name: "Tải hồ sơ (ZIP)" }).click();
  expect((await draft).suggestedFilename()).toMatch(/-ban-nhap\.zip$/);

  await page.getByRole("button", { name: "Nộp hồ sơ" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Nộp hồ sơ" }).click();
  await expect(page.getByText("Đã nộp, chờ xem xét").first()).toBeVisible();
  await expect(page.getByText("Nộp muộn").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Tiếp nhận" })).toHaveCount(0);

  // The district's committee: the list shows it late; it returns it with a comment.
  const district = await (await browser.newContext()).newPage();
  await logIn(district, districtUser, password);
  await district.goto(`/dossiers?org=${districtId}&year=${year}`);
  const row = district.locator("tr", { hasText: baseName });
  await expect(row).toContainText("Đã nộp, chờ xem xét");
  await expect(row).toContainText("Nộp muộn");
  const summary = district.getByTestId("dossier-summary");
  await expect(summary).toContainText(/Đã tiếp nhận\s*0\s*\/\s*1/);
  await expect(summary).toContainText(/Chờ xem xét\s*1/);
  await expect(summary).toContainText(/Nộp muộn\s*1/);
  await row.getByRole("link", { name: baseName }).click();
  await district.getByRole("button", { name: "Trả lại" }).click();
  const dialog = district.getByRole("dialog");
  await dialog.getByLabel("Nội dung cần bổ sung, sửa chữa").fill("Bổ sung đăng ký thi đua năm 2017");
  await dialog.getByRole("button", { name: "Trả lại" }).click();
  await expect(district.getByText("Bị trả lại").first()).toBeVisible();
  await expect(district.getByText("Bổ sung đăng ký thi đua năm 2017").first()).toBeVisible();

  // Back at the base: returned, with the comment, and it can submit again.
  await page.reload();
  await expect(page.getByText("Bị trả lại").first()).toBeVisible();
  await expect(page.getByText("Bổ sung đăng ký thi đua năm 2017").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Nộp hồ sơ" })).toBeVisible();
});
