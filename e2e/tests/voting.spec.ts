import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { logIn, logOut } from "./session.js";

// The administrator made by the webServer command (playwright.config.ts) for this run.
const adminPassword = process.env.KIEMDIEM_E2E_ADMIN_PASSWORD ?? "";
// Codes and usernames are unique per run: the other specs share the database.
const run = Date.now().toString(36).toUpperCase();
const year = new Date().getFullYear();
const password = `mat-khau-${run}-dai`;
const secretary = `bithu.bp.${run.toLowerCase()}`;
const deputy = `phobithu.bp.${run.toLowerCase()}`;
const committee = `dangu.bp.${run.toLowerCase()}`;
const branchName = `Chi bộ Khoa Lý ${run}`;

type Votes = { excellent: number; good: number; completed: number; not_completed: number };

// Eight civil servants, all rated excellent at work and all present: D = 8. By the votes the
// first two reach excellent (8/8 and 7/8 > 2/3), the others good (8/8 > 1/2). G = 8, so Q1
// allows 8 × 15% = 1 excellent: Bùi Văn Bảo, second by votes for excellent, falls to good (Q4).
const members: { name: string; votes: Votes }[] = [
  { name: "Trần Văn An", votes: { excellent: 8, good: 0, completed: 0, not_completed: 0 } },
  { name: "Bùi Văn Bảo", votes: { excellent: 7, good: 1, completed: 0, not_completed: 0 } },
  { name: "Lê Thị Cúc", votes: { excellent: 0, good: 8, completed: 0, not_completed: 0 } },
  { name: "Phạm Văn Dũng", votes: { excellent: 0, good: 8, completed: 0, not_completed: 0 } },
  { name: "Hoàng Thị Giang", votes: { excellent: 0, good: 8, completed: 0, not_completed: 0 } },
  { name: "Đỗ Văn Hải", votes: { excellent: 0, good: 8, completed: 0, not_completed: 0 } },
  { name: "Vũ Thị Hương", votes: { excellent: 0, good: 8, completed: 0, not_completed: 0 } },
  { name: "Ngô Văn Khánh", votes: { excellent: 0, good: 8, completed: 0, not_completed: 0 } },
];
const demoted = "Bùi Văn Bảo";

const voteLabels: [keyof Votes, string][] = [
  ["excellent", "HTXS"],
  ["good", "HTT"],
  ["completed", "HT"],
  ["not_completed", "KHT"],
];

/**
 * The tree, eight members rated excellent at work with their self-reviews submitted, a cycle
 * on the base, the branch's secretary and deputy and the base committee's user, via the API.
 */
async function setUp(request: APIRequestContext) {
  const login = await request.post("/api/v1/auth/login", {
    data: { username: "admin", password: adminPassword },
  });
  expect(login.status()).toBe(200);
  const { access_token: token } = (await login.json()) as { access_token: string };
  const headers = { Authorization: `Bearer ${token}` };
  const send = async (
    method: "post" | "put",
    url: string,
    data: unknown,
    what: string,
    status: number,
  ) => {
    const answer = await request[method](url, { headers, data });
    expect(answer.status(), `${what}: ${await answer.text()}`).toBe(status);
    return (await answer.json()) as { id: number };
  };
  const post = (url: string, data: unknown, what: string, status = 201) =>
    send("post", url, data, what, status);
  const put = (url: string, data: unknown, what: string) => send("put", url, data, what, 200);

  let parentId: number | null = null;
  const ids: number[] = [];
  for (const [kind, name, code] of [
    ["province", `Tỉnh ủy Bỏ phiếu ${run}`, `TBP-${run}`],
    ["district", `Huyện ủy Bỏ phiếu ${run}`, `HBP-${run}`],
    ["base", `Đảng bộ Trường Bỏ phiếu ${run}`, `DBBP-${run}`],
    ["branch", branchName, `CBLY-${run}`],
  ] as const) {
    parentId = (await post("/api/v1/organizations", { kind, name, code, parent_id: parentId }, kind))
      .id;
    ids.push(parentId);
  }
  const [, , baseId, branchId] = ids;
  const cycle = await post(
    "/api/v1/cycles",
    { organization_id: baseId, year, reference_date: `${year}-11-15` },
    "the cycle",
  );

  for (const [index, { name }] of members.entries()) {
    const member = await post(
      "/api/v1/members",
      {
        full_name: name,
        gender: index % 2 === 0 ? "male" : "female",
        date_of_birth: `198${index}-03-1${index}`,
        branch_id: branchId,
        status: "official",
        admitted_on: "2010-05-19",
        official_on: "2011-05-19",
        category: "civil_servant",
      },
      name,
    );
    const path = `/api/v1/cycles/${cycle.id}/members/${member.id}`;
    await put(
      `${path}/professional-rating`,
      { level: "excellent", rating_unit: `Khoa Vật lý ${run}`, post: "Giảng viên" },
      `${name}: professional rating`,
    );
    // The administrator enters the paper self-review on the member's behalf.
    await put(
      `${path}/self-review`,
      {
        political_ideology: "Luôn kiên định, tin tưởng vào đường lối của Đảng.",
        ethics_lifestyle: "Giản dị, trung thực, gương mẫu.",
        duties: "Hoàn thành xuất sắc công tác giảng dạy và nghiên cứu.",
        organisation_discipline: "Chấp hành nghiêm nguyên tắc tổ chức, kỷ luật.",
        shortcomings: "Đôi khi chậm báo cáo.",
        remedies: "Lập kế hoạch công việc hằng tuần.",
        self_assessed_level: "excellent",
      },
      `${name}: self-review`,
    );
    await post(`${path}/self-review/submit`, undefined, `${name}: submit`, 200);
  }

  for (const [username, displayName, role, organizationId] of [
    [secretary, `Bí thư ${branchName}`, "branch_committee", branchId],
    [deputy, `Phó Bí thư ${branchName}`, "branch_committee", branchId],
    [committee, `Đảng ủy viên ${run}`, "committee", baseId],
  ] as const) {
    await post(
      "/api/v1/users",
      {
        username,
        display_name: displayName,
        password,
        roles: [{ role, organization_id: organizationId }],
      },
      username,
    );
  }
  return { cycleId: cycle.id };
}

/** Types each member's votes and saves the row; `state` is the tally's tag afterwards. */
async function enterTallies(page: Page, state: string) {
  const roll = page.getByTestId("voting-roll");
  for (const { name, votes } of members) {
    const row = roll.locator("tr", { hasText: name });
    for (const [field, label] of voteLabels) {
      await row.getByLabel(`${label} ${name}`, { exact: true }).fill(String(votes[field]));
    }
    await row.getByRole("button", { name: `Lưu ${name}` }).click();
    await expect(row.getByTestId("tally-state")).toContainText(state);
  }
}

test("two people enter the tallies, the quota demotes one member, the base committee approves", async ({
  page,
  request,
}) => {
  expect(adminPassword, "KIEMDIEM_E2E_ADMIN_PASSWORD is set by playwright.config.ts").not.toBe("");
  // Three logins, sixteen tally rows.
  test.setTimeout(180_000);
  const { cycleId } = await setUp(request);

  // The secretary opens a paper session and enters the count first.
  await logIn(page, secretary, password);
  await page.goto(`/cycles/${cycleId}`);
  await page.getByRole("tab", { name: "Bỏ phiếu" }).click();
  await page.getByRole("button", { name: "Mở phiên bỏ phiếu" }).click();
  const dialog = page.getByRole("dialog", { name: "Mở phiên bỏ phiếu" });
  await dialog.getByRole("combobox", { name: "Chi bộ" }).click();
  await page.getByTitle(branchName, { exact: true }).click();
  await dialog.getByRole("button", { name: "Mở phiên bỏ phiếu" }).click();
  await expect(page).toHaveURL(/\/voting-sessions\/\d+$/);
  const sessionUrl = page.url();
  await expect(page.getByTestId("session-status")).toHaveText("Đang bỏ phiếu");
  await expect(page.getByTestId("session-summary")).toContainText("Số đảng viên tính tỷ lệ (D)8");
  await enterTallies(page, "Đã nhập lần 1");
  await expect(
    page.getByText("Lần nhập thứ hai phải do người khác thực hiện").first(),
  ).toBeVisible();
  await logOut(page);

  // The deputy enters the same numbers blind: every tally is confirmed.
  await logIn(page, deputy, password);
  await page.goto(`/cycles/${cycleId}`);
  await page.getByRole("tab", { name: "Bỏ phiếu" }).click();
  await page
    .getByTestId("voting-sessions")
    .locator("tr", { hasText: branchName })
    .getByRole("link", { name: "Mở phiên" })
    .click();
  await expect(page).toHaveURL(sessionUrl);
  await enterTallies(page, "Đã khớp");

  // Bảo met excellent by the votes, but the quota allows one: Q4 takes him down to good.
  const roll = page.getByTestId("voting-roll");
  const bao = roll.locator("tr", { hasText: demoted }).getByTestId("session-result");
  await expect(bao).toContainText("Hoàn thành tốt nhiệm vụ");
  await expect(bao.getByText("Q4", { exact: true })).toBeVisible();
  const an = roll.locator("tr", { hasText: "Trần Văn An" }).getByTestId("session-result");
  await expect(an).toContainText("Hoàn thành xuất sắc nhiệm vụ");
  await expect(page.getByTestId("quota-meter")).toContainText("1/1");

  await page.getByRole("button", { name: /Chốt kết quả/ }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Chốt kết quả" }).click();
  await expect(page.getByTestId("session-status")).toHaveText("Đã chốt, chờ thẩm định");
  const results = page.getByTestId("voting-results");
  await expect(results.locator("tr", { hasText: demoted })).toContainText("Q4");
  await expect(results.locator("tr", { hasText: demoted })).toContainText("Đề xuất");
  await logOut(page);

  // The base committee approves the branch's proposal.
  await logIn(page, committee, password);
  await page.goto(`/cycles/${cycleId}`);
  await page.getByRole("tab", { name: "Thẩm định" }).click();
  const branchRow = page.getByTestId("appraisal-table").locator("tr", { hasText: branchName });
  await expect(branchRow).toContainText("Đã chốt, chờ thẩm định");
  await branchRow.getByRole("button", { name: "Duyệt" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Duyệt" }).click();
  await expect(branchRow.getByTestId("appraisal-session")).toContainText("Đã duyệt");
});
