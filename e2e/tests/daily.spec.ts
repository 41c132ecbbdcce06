import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { addUsers, apiAs, orgChain } from "./api.js";
import { logIn } from "./session.js";

// Issue #17: each person opens the app and sees what is theirs to do, on a desk or a phone.

// The administrator made by the webServer command (playwright.config.ts) for this run.
const adminPassword = process.env.KIEMDIEM_E2E_ADMIN_PASSWORD ?? "";
// Codes and names are unique per run, in case the database is shared with another test.
const run = Date.now().toString(36).toUpperCase();
const year = new Date().getFullYear();
const password = `mat-khau-${run}-dai`;
const screenshots = join(import.meta.dirname, "..", "screenshots");

const phone = { width: 390, height: 844 };
const desk = { width: 1440, height: 900 };

/**
 * A tree of its own for one viewport (so that the two run in any order): a base with a branch,
 * its cycle of this year (the self-review open), a member and one user for each role.
 */
async function setUp(browser: Browser, width: number) {
  const context = await browser.newContext();
  const admin = await apiAs(context.request, "admin", adminPassword);
  const tag = `${width}-${run}`;
  const [, , baseId, branchId] = await orgChain(admin, [
    ["province", `Tỉnh ủy Hằng ngày ${tag}`, `THN-${tag}`],
    ["district", `Huyện ủy Hằng ngày ${tag}`, `HHN-${tag}`],
    ["base", `Đảng bộ Trường Hằng ngày ${tag}`, `DBHN-${tag}`],
    ["branch", `Chi bộ Khoa Văn ${tag}`, `CBVAN-${tag}`],
  ]);
  const member = await admin.post(
    "/api/v1/members",
    {
      full_name: "Trần Thị Mai",
      gender: "female",
      date_of_birth: "1988-03-08",
      branch_id: branchId,
      status: "official",
      admitted_on: "2012-05-19",
      official_on: "2013-05-19",
      category: "civil_servant",
    },
    "the member",
  );
  const users = {
    member: `mai-${tag}`,
    branch_committee: `bithu-${tag}`,
    committee: `danguy-${tag}`,
    inspection: `ubkt-${tag}`,
    feedback_provider: `congdoan-${tag}`,
  };
  await admin.post(
    "/api/v1/users",
    {
      username: users.member,
      display_name: "Trần Thị Mai",
      password,
      member_id: member.id,
      roles: [{ role: "member", organization_id: branchId }],
    },
    users.member,
  );
  await addUsers(admin, password, [
    [users.branch_committee, `Bí thư Chi bộ Khoa Văn ${tag}`, "branch_committee", branchId],
    [users.committee, `Đảng ủy Trường ${tag}`, "committee", baseId],
    [users.inspection, `Ủy ban Kiểm tra ${tag}`, "inspection", baseId],
    [users.feedback_provider, `Công đoàn Trường ${tag}`, "feedback_provider", baseId],
  ]);
  await admin.post(
    "/api/v1/cycles",
    { organization_id: baseId, year, reference_date: `${year}-12-15` },
    "the cycle",
  );
  await context.close();
  return users;
}

/** The page is no wider than the window: nothing to scroll sideways. */
async function expectNoSidewaysScroll(page: Page, where: string) {
  await expect
    .poll(
      () =>
        page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        ),
      { message: `sideways scroll on ${where}` },
    )
    .toBeLessThanOrEqual(0);
}

/** The user button lies wholly inside the window (not cut by its edge). */
async function expectUserButtonInside(page: Page, width: number) {
  const box = await page.getByTestId("user-menu-button").boundingBox();
  expect(box, "the user button").not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(width);
}

/** A new window of `viewport` logged in as `username`, on the home page. */
async function homeOf(browser: Browser, viewport: typeof phone, username: string) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await logIn(page, username, password);
  await expect(page.getByTestId("agenda")).toBeVisible();
  return page;
}

async function screenshotHome(page: Page, role: string, width: number) {
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, `${role}-${width}.png`), fullPage: true });
}

/** The agenda's item whose action is `action`. */
function agendaItem(page: Page, action: string) {
  return page
    .getByTestId("agenda-item")
    .filter({ has: page.getByRole("link", { name: action }) });
}

for (const viewport of [phone, desk]) {
  const width = viewport.width;
  const onPhone = width === phone.width;

  test(`at ${width} px the member does her self-review from her home page, then the secretary finds it on his`, async ({
    browser,
  }) => {
    expect(adminPassword, "KIEMDIEM_E2E_ADMIN_PASSWORD is set by playwright.config.ts").not.toBe(
      "",
    );
    // Six logins and a self-review written on a busy two-core machine.
    test.setTimeout(180_000);
    const users = await setUp(browser, width);

    // The member's home page: what is hers to do.
    const member = await homeOf(browser, viewport, users.member);
    const write = agendaItem(member, "Viết bản tự kiểm điểm");
    await expect(write).toBeVisible();
    await expect(write).toContainText(`Hạn `);
    if (onPhone) {
      await expectNoSidewaysScroll(member, "the member's home page");
      await expectUserButtonInside(member, width);
      // The menu is behind ☰, beside the title.
      await expect(member.getByRole("menu")).toBeHidden();
      await expect(member.getByRole("heading", { level: 1, name: "kiemdiem" })).toBeVisible();
    }
    await screenshotHome(member, "member", width);

    // She follows it to her self-review.
    await write.getByRole("link", { name: "Viết bản tự kiểm điểm" }).click();
    await expect(member).toHaveURL(/\/my-review/);
    await expect(member.getByTestId("review-status")).toHaveText("Chưa bắt đầu");
    await member.getByLabel("1. Tư tưởng chính trị").fill("Luôn kiên định với đường lối.");
    await member.getByLabel("2. Phẩm chất đạo đức, lối sống").fill("Giản dị, trung thực.");
    await member
      .getByLabel("3. Thực hiện chức trách, nhiệm vụ được giao")
      .fill("Hoàn thành giảng dạy.");
    await member.getByLabel("4. Tổ chức kỷ luật").fill("Chấp hành nghiêm.");
    await member.getByLabel("5. Khuyết điểm, hạn chế và nguyên nhân").fill("Đôi khi chậm báo cáo.");
    await member.getByLabel("6. Biện pháp khắc phục").fill("Lập kế hoạch hằng tuần.");
    await member.getByLabel("Tự nhận mức xếp loại").click();
    await member.getByTitle("Hoàn thành tốt nhiệm vụ").click();
    await member.getByRole("button", { name: /Lưu nháp/ }).click();
    await expect(member.getByTestId("review-status")).toHaveText("Bản nháp");
    if (onPhone) await expectNoSidewaysScroll(member, "the member's self-review");

    // Submitting asks first: afterwards only the branch committee can give it back.
    await member.getByRole("main").getByRole("button", { name: /Nộp/ }).click();
    const confirm = member.getByRole("dialog", { name: "Nộp bản tự kiểm điểm?" });
    await expect(confirm).toContainText(
      "Sau khi nộp, bạn không sửa được bản tự kiểm điểm nữa, trừ khi chi ủy trả lại để sửa.",
    );
    await confirm.getByRole("button", { name: "Nộp" }).click();
    await expect(confirm).toBeHidden();
    await expect(member.getByTestId("review-status")).toHaveText("Đã nộp");
    if (onPhone) await expectNoSidewaysScroll(member, "the member's submitted self-review");

    // Back home (on a phone through ☰, which closes once the page is chosen): nothing left.
    if (onPhone) {
      await member.getByRole("button", { name: "Mở menu" }).click();
      const menu = member.getByRole("menu");
      await menu.getByRole("link", { name: "Tổng quan" }).click();
      await expect(menu).toBeHidden();
    } else {
      await member.getByRole("menu").getByRole("link", { name: "Tổng quan" }).click();
    }
    await expect(member.getByText("Không có việc nào cần làm")).toBeVisible();
    if (onPhone) await expectNoSidewaysScroll(member, "the member's empty home page");
    await member.context().close();

    // The branch secretary's home page: her self-review waits for his comments.
    const secretary = await homeOf(browser, viewport, users.branch_committee);
    await expect(agendaItem(secretary, "Nhận xét bản tự kiểm điểm")).toBeVisible();
    if (onPhone) await expectUserButtonInside(secretary, width);
    await screenshotHome(secretary, "branch_committee", width);
    await secretary.context().close();

    // Every other role's home page, for the record (e2e/screenshots/).
    for (const role of ["committee", "inspection", "feedback_provider"] as const) {
      const page = await homeOf(browser, viewport, users[role]);
      if (onPhone) await expectUserButtonInside(page, width);
      await screenshotHome(page, role, width);
      if (role === "feedback_provider" && onPhone) {
        await page.goto("/feedback");
        await expect(page.getByTestId("feedback-inbox")).toBeVisible();
        await expectNoSidewaysScroll(page, "the feedback inbox");
      }
      await page.context().close();
    }
    const admin = await browser.newContext({ viewport });
    const adminPage = await admin.newPage();
    await logIn(adminPage, "admin", adminPassword);
    await expect(adminPage.getByTestId("agenda")).toBeVisible();
    await screenshotHome(adminPage, "admin", width);
    await admin.close();
  });
}
