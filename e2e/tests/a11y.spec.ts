import { AxeBuilder } from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { addUsers, apiAs, orgChain } from "./api.js";
import { logIn, logOut } from "./session.js";

// Issue #17: the main pages pass an automated accessibility check (axe-core, WCAG 2.1 A/AA)
// with no serious or critical violation, for a committee and for a member on a phone.

const adminPassword = process.env.KIEMDIEM_E2E_ADMIN_PASSWORD ?? "";
const run = Date.now().toString(36).toUpperCase();
const year = new Date().getFullYear();
const password = `mat-khau-${run}-dai`;

/** The serious and critical violations on the page as it stands, one line each. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => `${n.target.join(" ")} ${n.html.slice(0, 120)} ${n.any[0]?.message ?? ""}`)
          .join(" | ")}`,
    );
}

/** Every page's violations, reported together at the end. */
const found: string[] = [];

async function check(page: Page, path: string, ready: () => Promise<void>) {
  await page.goto(path);
  await ready();
  // Checked at rest: no table still loading (its content is dimmed), no fade still running.
  await expect(page.locator(".ant-spin-spinning")).toHaveCount(0);
  await expect
    .poll(() =>
      page.evaluate(() =>
        document.getAnimations().filter((a) => a.playState === "running").length,
      ),
    )
    .toBe(0);
  for (const line of await violations(page)) found.push(`${path}: ${line}`);
}

test("the main pages have no serious or critical accessibility violation", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const admin = await apiAs(request, "admin", adminPassword);
  const [, , baseId, branchId] = await orgChain(admin, [
    ["province", `Tỉnh ủy Tiếp cận ${run}`, `TTC-${run}`],
    ["district", `Huyện ủy Tiếp cận ${run}`, `HTC-${run}`],
    ["base", `Đảng bộ Tiếp cận ${run}`, `DBTC-${run}`],
    ["branch", `Chi bộ Tiếp cận ${run}`, `CBTC-${run}`],
  ]);
  const member = await admin.post(
    "/api/v1/members",
    {
      full_name: "Đặng Thị Thu",
      gender: "female",
      date_of_birth: "1990-04-30",
      branch_id: branchId,
      status: "official",
      admitted_on: "2014-05-19",
      official_on: "2015-05-19",
      category: "civil_servant",
    },
    "the member",
  );
  const cycle = await admin.post(
    "/api/v1/cycles",
    { organization_id: baseId, year, reference_date: `${year}-12-15` },
    "the cycle",
  );
  const committee = `danguy-tc-${run}`;
  const memberUser = `thu-tc-${run}`;
  await addUsers(admin, password, [[committee, `Đảng ủy Tiếp cận ${run}`, "committee", baseId]]);
  await admin.post(
    "/api/v1/users",
    {
      username: memberUser,
      display_name: "Đặng Thị Thu",
      password,
      member_id: member.id,
      roles: [{ role: "member", organization_id: branchId }],
    },
    memberUser,
  );

  // The login page, before anyone signs in.
  await check(page, "/login", async () => {
    await expect(page.getByRole("heading", { name: "Đăng nhập" })).toBeVisible();
  });

  // A committee's pages at the desk.
  await logIn(page, committee, password);
  const heading = (name: RegExp | string) => async () => {
    await expect(page.getByRole("heading", { level: 2, name }).first()).toBeVisible();
  };
  await check(page, "/", heading(/^Xin chào, /));
  await check(page, "/members", async () => {
    await expect(page.getByText("Đặng Thị Thu").first()).toBeVisible();
  });
  await check(page, "/cycles", async () => {
    await expect(page.getByText(`Đảng bộ Tiếp cận ${run}`).first()).toBeVisible();
  });
  await check(page, `/cycles/${cycle.id}`, async () => {
    await expect(page.getByRole("tab").first()).toBeVisible();
  });
  for (const path of ["/reports", "/rewards", "/dossiers", "/organizations", "/party-reports"]) {
    await check(page, path, async () => {
      await expect(page.locator("main")).toBeVisible();
    });
  }
  await logOut(page);

  // A member's pages on a phone.
  await page.setViewportSize({ width: 390, height: 844 });
  await logIn(page, memberUser, password);
  await check(page, "/", heading(/^Xin chào, /));
  await check(page, "/my-review", async () => {
    await expect(page.getByText(`${year}`).first()).toBeVisible();
  });
  expect(found).toEqual([]);
});
