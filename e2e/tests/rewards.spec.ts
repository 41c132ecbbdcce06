import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { logIn } from "./session.js";

// The administrator made by the webServer command (playwright.config.ts) for this run.
const adminPassword = process.env.KIEMDIEM_E2E_ADMIN_PASSWORD ?? "";
// Codes and usernames are unique per run: the other specs share the database.
const run = Date.now().toString(36).toUpperCase();
// A member excellent 2012–2016: a five-year streak (W1) in 2016.
const year = 2016;
const password = `mat-khau-${run}-dai`;
const committee = `dangu.kt.${run.toLowerCase()}`;
const baseName = `Đảng bộ Trường Khen thưởng ${run}`;
const branchName = `Chi bộ Khoa Sinh ${run}`;
const memberName = `Nguyễn Thị Khen ${run}`;

async function openMenu(page: Page, item: string) {
  await page.getByRole("menu").getByRole("link", { name: item }).click();
  await expect(page.getByRole("heading", { level: 2, name: item })).toBeVisible();
}

/**
 * A district, a base and a branch, one member excellent five years running, the base registered
 * for the year's emulation (W6) and the base committee's user, via the API.
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
    ["province", `Tỉnh ủy Khen thưởng ${run}`, `TUKT-${run}`],
    ["district", `Thành ủy Khen thưởng ${run}`, `TKT-${run}`],
    ["base", baseName, `DBKT-${run}`],
    ["branch", branchName, `CBKT-${run}`],
  ] as const) {
    parentId = (
      await send("post", "/api/v1/organizations", { kind, name, code, parent_id: parentId }, 201)
    ).id;
    ids.push(parentId);
  }
  const [, , baseId, branchId] = ids;

  const member = await send(
    "post",
    "/api/v1/members",
    {
      full_name: memberName,
      gender: "female",
      date_of_birth: "1980-03-12",
      branch_id: branchId,
      status: "official",
      admitted_on: "2005-05-19",
      official_on: "2006-05-19",
      category: "civil_servant",
    },
    201,
  );
  for (let at = year - 4; at <= year; at += 1) {
    await send(
      "put",
      `/api/v1/members/${member.id}/history/${at}`,
      { level: "excellent", organization_name: branchName },
      200,
    );
  }
  await send("post", "/api/v1/rewards/registrations", { organization_id: baseId, year }, 201);
  await send(
    "post",
    "/api/v1/users",
    {
      username: committee,
      display_name: `Đảng ủy viên ${run}`,
      password,
      roles: [{ role: "committee", organization_id: baseId }],
    },
    201,
  );
}

test("a base committee nominates a member with a five-year streak and downloads the statistics", async ({
  page,
  request,
}) => {
  expect(adminPassword, "KIEMDIEM_E2E_ADMIN_PASSWORD is set by playwright.config.ts").not.toBe("");
  await setUp(request);

  await logIn(page, committee, password);
  await openMenu(page, "Khen thưởng");
  await expect(page.getByRole("combobox", { name: "Tổ chức đề nghị" })).toBeVisible();
  await expect(page.getByText(`${baseName} (`)).toBeVisible();
  const yearInput = page.getByRole("spinbutton", { name: "Năm" });
  await yearInput.fill(String(year));
  await yearInput.press("Tab");

  const meter = page.getByTestId("quota-member_certificate");
  await expect(meter).toContainText("W2");
  await expect(meter).toContainText("0/1");
  const candidate = page.getByTestId("member-candidates").locator("tr", { hasText: memberName });
  for (let at = year - 4; at <= year; at += 1) {
    await expect(candidate.getByTestId("evidence")).toContainText(`${at}: Xuất sắc`);
  }

  await candidate.getByRole("button", { name: "Đề nghị" }).click();
  await expect(meter).toContainText("1/1");
  const nomination = page.getByTestId("nominations").locator("tr", { hasText: memberName });
  await expect(nomination).toContainText("Giấy khen của BTV Thành ủy (đảng viên, W2)");
  await expect(nomination).toContainText("Đã đề nghị");

  // The same reward twice is refused (409), and said so.
  await candidate.getByRole("button", { name: "Đề nghị" }).click();
  await expect(page.getByTestId("nomination-refused")).toContainText("Đã được đề nghị");

  await openMenu(page, "Báo cáo thống kê");
  const reportYear = page.getByRole("spinbutton", { name: "Năm" });
  await reportYear.fill(String(year));
  await reportYear.press("Tab");
  await expect(page.getByTestId("statistics-table")).toContainText(branchName);
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: /Tải XLSX/ }).click();
  expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
});
