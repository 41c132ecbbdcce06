import { expect, test, type CDPSession } from "@playwright/test";
import { apiAs, orgChain } from "./api.js";

// Issue #17: members mostly use phones, often on slow networks. A member opens the app cold (no
// cache) on a phone throttled to 3G, logs in, sees her home page and opens her self-review.
// Speed is measured by benchmarks, not asserted here: the times and bytes are printed for the run
// (and kept as the test's annotations); the expectations only wait, generously.

// The administrator made by the webServer command (playwright.config.ts) for this run.
const adminPassword = process.env.KIEMDIEM_E2E_ADMIN_PASSWORD ?? "";
// Codes and names are unique per run, in case the database is shared with another test.
const run = Date.now().toString(36).toUpperCase();
const year = new Date().getFullYear();
const password = `mat-khau-${run}-dai`;
const phone = { width: 390, height: 844 };

// Chrome DevTools' "3G" is slower still; this is a usual slow mobile connection: 300 ms of
// latency, 400 kbit/s each way.
const threeG = {
  offline: false,
  latency: 300,
  downloadThroughput: 50_000, // bytes per second
  uploadThroughput: 50_000,
};

// A whole cold load at 50 kB/s with 300 ms per request: far above what it takes.
const slow = { timeout: 90_000 };

/** The bytes received from the network since `start()`, as Chromium counts them (gzipped). */
function countBytes(cdp: CDPSession) {
  let bytes = 0;
  cdp.on("Network.loadingFinished", (event) => {
    bytes += event.encodedDataLength;
  });
  return {
    reset: () => {
      bytes = 0;
    },
    kB: () => `${(bytes / 1000).toFixed(0)} kB`,
  };
}

test("a member logs in and opens her self-review on a phone over 3G", async ({ browser }) => {
  expect(adminPassword, "KIEMDIEM_E2E_ADMIN_PASSWORD is set by playwright.config.ts").not.toBe("");
  test.setTimeout(300_000);

  // Her branch, her record and login, and this year's cycle (its self-review open).
  const setup = await browser.newContext();
  const admin = await apiAs(setup.request, "admin", adminPassword);
  const [, , baseId, branchId] = await orgChain(admin, [
    ["province", `Tỉnh ủy Mạng chậm ${run}`, `TMC-${run}`],
    ["district", `Huyện ủy Mạng chậm ${run}`, `HMC-${run}`],
    ["base", `Đảng bộ Trường Mạng chậm ${run}`, `DBMC-${run}`],
    ["branch", `Chi bộ Khoa Sử ${run}`, `CBSU-${run}`],
  ]);
  const member = await admin.post(
    "/api/v1/members",
    {
      full_name: "Lê Thị Hoa",
      gender: "female",
      date_of_birth: "1990-04-12",
      branch_id: branchId,
      status: "official",
      admitted_on: "2014-05-19",
      official_on: "2015-05-19",
      category: "civil_servant",
    },
    "the member",
  );
  const username = `hoa-${run}`;
  await admin.post(
    "/api/v1/users",
    {
      username,
      display_name: "Lê Thị Hoa",
      password,
      member_id: member.id,
      roles: [{ role: "member", organization_id: branchId }],
    },
    username,
  );
  await admin.post(
    "/api/v1/cycles",
    { organization_id: baseId, year, reference_date: `${year}-12-15` },
    "the cycle",
  );
  await setup.close();

  // A new phone: nothing cached, the network throttled before the first request.
  const context = await browser.newContext({ viewport: phone, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.clearBrowserCache");
  await cdp.send("Network.emulateNetworkConditions", threeG);
  const bytes = countBytes(cdp);
  const timings: string[] = [];
  const record = (what: string, since: number, counted = true) => {
    const line = `${what}: ${Date.now() - since} ms${counted ? `, ${bytes.kB()} received` : ""}`;
    timings.push(line);
    test.info().annotations.push({ type: "3G", description: line });
  };

  // The login page, cold.
  const opened = Date.now();
  await page.goto("/login", { waitUntil: "commit" });
  const usernameField = page.getByLabel("Tên đăng nhập");
  await expect(usernameField).toBeEditable(slow);
  await expect(page.getByRole("button", { name: "Đăng nhập" })).toBeEnabled(slow);
  record("login page usable after navigation", opened);

  // Her home page: what is hers to do.
  bytes.reset();
  await usernameField.fill(username);
  await page.getByLabel("Mật khẩu").fill(password);
  const submitted = Date.now();
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("heading", { level: 2, name: /^Xin chào, / })).toBeVisible(slow);
  const write = page.getByRole("link", { name: "Viết bản tự kiểm điểm" });
  await expect(write).toBeVisible(slow);
  record("home page with her agenda after logging in", submitted);
  record("home page since the login page was asked for (typing included)", opened, false);

  // Her self-review's form.
  bytes.reset();
  const followed = Date.now();
  await write.click();
  await expect(page).toHaveURL(/\/my-review/, slow);
  await expect(page.getByTestId("review-status")).toHaveText("Chưa bắt đầu", slow);
  await expect(page.getByLabel("1. Tư tưởng chính trị")).toBeEditable(slow);
  await expect(page.getByRole("button", { name: /Lưu nháp/ })).toBeVisible(slow);
  record("self-review form after following the link", followed);
  console.log(`On 3G (latency 300 ms, 400 kbit/s), cold:\n  ${timings.join("\n  ")}`);
  await context.close();
});
