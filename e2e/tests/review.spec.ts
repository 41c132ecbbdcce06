import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { logIn, logOut } from "./session.js";

// The administrator made by the webServer command (playwright.config.ts) for this run.
const adminPassword = process.env.KIEMDIEM_E2E_ADMIN_PASSWORD ?? "";
// Codes are unique per run, in case the database is shared with another test.
const run = Date.now().toString(36).toUpperCase();
const year = new Date().getFullYear();
const password = `mat-khau-${run}-dai`;

/** The tree, a member, her user, the branch committee's user and a cycle, through the API. */
async function setUp(request: APIRequestContext) {
  const login = await request.post("/api/v1/auth/login", {
    data: { username: "admin", password: adminPassword },
  });
  expect(login.status()).toBe(200);
  const { access_token: token } = (await login.json()) as { access_token: string };
  const headers = { Authorization: `Bearer ${token}` };
  const post = async (url: string, data: unknown, what: string) => {
    const answer = await request.post(url, { headers, data });
    expect(answer.status(), `${what}: ${await answer.text()}`).toBe(201);
    return (await answer.json()) as { id: number };
  };

  let parentId: number | null = null;
  const ids: number[] = [];
  for (const [kind, name, code] of [
    ["province", `Tỉnh ủy Kiểm điểm ${run}`, `TKD-${run}`],
    ["district", `Huyện ủy Kiểm điểm ${run}`, `HKD-${run}`],
    ["base", `Đảng bộ Trường Kiểm điểm ${run}`, `DBKD-${run}`],
    ["branch", `Chi bộ Khoa Sinh ${run}`, `CBSINH-${run}`],
  ] as const) {
    parentId = (await post("/api/v1/organizations", { kind, name, code, parent_id: parentId }, kind))
      .id;
    ids.push(parentId);
  }
  const [, , baseId, branchId] = ids;
  const member = await post(
    "/api/v1/members",
    {
      full_name: "Nguyễn Thị Lan",
      gender: "female",
      date_of_birth: "1985-04-12",
      branch_id: branchId,
      status: "official",
      admitted_on: "2010-05-19",
      official_on: "2011-05-19",
      category: "civil_servant",
    },
    "the member",
  );
  await post(
    "/api/v1/users",
    {
      username: "lan",
      display_name: "Nguyễn Thị Lan",
      password,
      member_id: member.id,
      roles: [{ role: "member", organization_id: branchId }],
    },
    "lan",
  );
  await post(
    "/api/v1/users",
    {
      username: "bithu",
      display_name: `Bí thư Chi bộ ${run}`,
      password,
      roles: [{ role: "branch_committee", organization_id: branchId }],
    },
    "bithu",
  );
  const cycle = await post(
    "/api/v1/cycles",
    { organization_id: baseId, year, reference_date: `${year}-12-15` },
    "the cycle",
  );
  return { cycleId: cycle.id };
}

/** "Nộp", then the confirmation that it cannot be edited unless it is returned. */
async function submitSelfReview(page: Page) {
  await page.getByRole("main").getByRole("button", { name: /Nộp/ }).click();
  const confirm = page.getByRole("dialog", { name: "Nộp bản tự kiểm điểm?" });
  await expect(confirm).toContainText("trừ khi chi ủy trả lại để sửa");
  await confirm.getByRole("button", { name: "Nộp" }).click();
  await expect(confirm).toBeHidden();
}

async function openReviewOfLan(page: Page, cycleId: number) {
  await page.goto(`/cycles/${cycleId}`);
  await page.getByRole("tab", { name: "Chi bộ" }).click();
  const row = page.getByTestId("branch-board").locator("tr", { hasText: "Nguyễn Thị Lan" });
  await expect(row).toContainText("Đã nộp");
  await row.getByRole("button", { name: "Xem" }).click();
  const drawer = page.getByRole("dialog", { name: "Nguyễn Thị Lan" });
  await expect(drawer.getByTestId("drawer-status")).toHaveText("Đã nộp");
  return drawer;
}

test("a member writes her self-review, the branch committee returns it, then accepts it", async ({
  page,
  request,
}) => {
  expect(adminPassword, "KIEMDIEM_E2E_ADMIN_PASSWORD is set by playwright.config.ts").not.toBe("");
  // A server built before the self-reviews (an old target/release binary) cannot run this.
  // Four logins and two rounds of review.
  test.setTimeout(120_000);
  const { cycleId } = await setUp(request);

  // Lan writes; submitting without the remedies marks that section.
  await logIn(page, "lan", password);
  await page.getByRole("menu").getByRole("link", { name: "Bản tự kiểm điểm của tôi" }).click();
  await expect(page.getByTestId("review-status")).toHaveText("Chưa bắt đầu");
  await page.getByLabel("1. Tư tưởng chính trị").fill("Luôn kiên định, tin tưởng vào đường lối.");
  await page.getByLabel("2. Phẩm chất đạo đức, lối sống").fill("Giản dị, trung thực.");
  await page.getByLabel("3. Thực hiện chức trách, nhiệm vụ được giao").fill("Hoàn thành giảng dạy.");
  await page.getByLabel("4. Tổ chức kỷ luật").fill("Chấp hành nghiêm.");
  await page.getByLabel("5. Khuyết điểm, hạn chế và nguyên nhân").fill("Đôi khi chậm báo cáo.");
  await page.getByRole("button", { name: /Lưu nháp/ }).click();
  await expect(page.getByTestId("review-status")).toHaveText("Bản nháp");
  await submitSelfReview(page);
  await expect(page.getByText("Phần này cần được viết trước khi nộp")).toBeVisible();
  await page.getByLabel("6. Biện pháp khắc phục").fill("Lập kế hoạch công việc hằng tuần.");
  await page.getByLabel("Tự nhận mức xếp loại").click();
  await page.getByTitle("Hoàn thành tốt nhiệm vụ").click();
  await submitSelfReview(page);
  await expect(page.getByTestId("review-status")).toHaveText("Đã nộp");
  await logOut(page);

  // The branch committee returns it with a comment.
  await logIn(page, "bithu", password);
  let drawer = await openReviewOfLan(page, cycleId);
  await drawer.getByRole("button", { name: /Trả lại/ }).click();
  const dialog = page.getByRole("dialog", { name: "Trả lại bản tự kiểm điểm" });
  await dialog.getByLabel("Nội dung cần sửa").fill("Cần nêu rõ nguyên nhân của khuyết điểm.");
  await dialog.getByRole("button", { name: "Trả lại" }).click();
  await expect(drawer.getByTestId("drawer-status")).toHaveText("Bị trả lại");
  // The drawer's close button sits under the toast; a pointer over a toast keeps it open.
  await expect(page.locator(".ant-message-notice")).toHaveCount(0, { timeout: 10_000 });
  await drawer.getByRole("button", { name: "Đóng" }).click();
  await expect(drawer).toBeHidden();
  await logOut(page);

  // Lan reads the comment, fixes and submits again.
  await logIn(page, "lan", password);
  await page.goto("/my-review");
  await expect(page.getByTestId("review-status")).toHaveText("Bị trả lại");
  await expect(page.getByText("Cần nêu rõ nguyên nhân của khuyết điểm.")).toBeVisible();
  await page
    .getByLabel("5. Khuyết điểm, hạn chế và nguyên nhân")
    .fill("Đôi khi chậm báo cáo, do chưa sắp xếp thời gian hợp lý.");
  await submitSelfReview(page);
  await expect(page.getByTestId("review-status")).toHaveText("Đã nộp");
  await logOut(page);

  // The branch committee accepts it; the progress board counts it.
  await logIn(page, "bithu", password);
  drawer = await openReviewOfLan(page, cycleId);
  await expect(drawer).toContainText("do chưa sắp xếp thời gian hợp lý");
  await drawer.getByRole("button", { name: /Chấp nhận/ }).click();
  await expect(drawer.getByTestId("drawer-status")).toHaveText("Đã chấp nhận");
  // The drawer's close button sits under the toast; a pointer over a toast keeps it open.
  await expect(page.locator(".ant-message-notice")).toHaveCount(0, { timeout: 10_000 });
  await drawer.getByRole("button", { name: "Đóng" }).click();
  await expect(drawer).toBeHidden();
  await page.getByRole("tab", { name: "Tiến độ" }).click();
  const branchRow = page
    .getByTestId("progress-table")
    .locator("tr", { hasText: `Chi bộ Khoa Sinh ${run}` });
  // Members, not begun, draft, submitted, returned, accepted.
  await expect(branchRow.locator("td").nth(1)).toHaveText("1");
  await expect(branchRow.locator("td").nth(6)).toHaveText("1");
});
