import { readFile } from "node:fs/promises";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { addUsers, apiAs, orgChain } from "./api.js";
import { logIn } from "./session.js";

// The administrator made by the webServer command (playwright.config.ts) for this run.
const adminPassword = process.env.KIEMDIEM_E2E_ADMIN_PASSWORD ?? "";
// Codes and usernames are unique per run: the other specs share the database.
const run = Date.now().toString(36).toUpperCase();
const year = new Date().getFullYear();
const password = `mat-khau-${run}-dai`;
const secretary = `bithu.bb.${run.toLowerCase()}`;
const deputy = `phobithu.bb.${run.toLowerCase()}`;
const district = `huyenuy.bb.${run.toLowerCase()}`;
const baseName = `Đảng bộ Trường Biên bản ${run}`;
const branchName = `Chi bộ Khoa Hóa ${run}`;
const heldOn = `${year}-11-20`;
const remedyBy = `31/03/${year + 1}`;

type Votes = { excellent: number; good: number; completed: number; not_completed: number };

// Three civil servants rated excellent at work, all present (D = 3): by the votes An and Bình
// are good, Cường completed, who then needs shortcomings and a date to remedy them (M9).
const members: { name: string; votes: Votes }[] = [
  { name: "Trần Văn An", votes: { excellent: 0, good: 3, completed: 0, not_completed: 0 } },
  { name: "Lê Thị Bình", votes: { excellent: 0, good: 3, completed: 0, not_completed: 0 } },
  { name: "Phạm Văn Cường", votes: { excellent: 0, good: 0, completed: 3, not_completed: 0 } },
];
const completed = "Phạm Văn Cường";

/**
 * Via the API: the tree, the members with their ratings and self-reviews, the cycle, the users,
 * and a paper session whose tallies the secretary and the deputy both entered (confirmed).
 */
async function setUp(request: APIRequestContext) {
  const admin = await apiAs(request, "admin", adminPassword);
  const [, districtId, baseId, branchId] = await orgChain(admin, [
    ["province", `Tỉnh ủy Biên bản ${run}`, `TBB-${run}`],
    ["district", `Huyện ủy Biên bản ${run}`, `HBB-${run}`],
    ["base", baseName, `DBBB-${run}`],
    ["branch", branchName, `CBBB-${run}`],
  ]);
  const cycle = await admin.post(
    "/api/v1/cycles",
    { organization_id: baseId, year, reference_date: `${year}-11-15` },
    "the cycle",
  );
  const ids: number[] = [];
  for (const [index, { name }] of members.entries()) {
    const member = await admin.post(
      "/api/v1/members",
      {
        full_name: name,
        gender: index % 2 === 0 ? "male" : "female",
        date_of_birth: `198${index}-04-1${index}`,
        branch_id: branchId,
        status: "official",
        admitted_on: "2010-05-19",
        official_on: "2011-05-19",
        category: "civil_servant",
      },
      name,
    );
    ids.push(member.id);
    const path = `/api/v1/cycles/${cycle.id}/members/${member.id}`;
    await admin.put(
      `${path}/professional-rating`,
      { level: "excellent", rating_unit: `Khoa Hóa ${run}`, post: "Giảng viên" },
      `${name}: professional rating`,
    );
    await admin.put(
      `${path}/self-review`,
      {
        political_ideology: "Kiên định đường lối của Đảng.",
        ethics_lifestyle: "Giản dị, trung thực.",
        duties: "Hoàn thành công tác giảng dạy.",
        organisation_discipline: "Chấp hành nghiêm kỷ luật.",
        shortcomings: "Đôi khi chậm báo cáo.",
        remedies: "Lập kế hoạch hằng tuần.",
        self_assessed_level: "good",
      },
      `${name}: self-review`,
    );
    await admin.post(`${path}/self-review/submit`, undefined, `${name}: submit`, 200);
  }
  await addUsers(admin, password, [
    [secretary, `Bí thư ${branchName}`, "branch_committee", branchId],
    [deputy, `Phó Bí thư ${branchName}`, "branch_committee", branchId],
    [district, `Huyện ủy viên ${run}`, "committee", districtId],
  ]);

  // The secretary opens the paper session; both count every member's votes, the same.
  const first = await apiAs(request, secretary, password);
  const session = await first.post(
    `/api/v1/cycles/${cycle.id}/voting-sessions`,
    { branch_id: branchId, held_on: heldOn, mode: "paper_tally" },
    "the session",
  );
  const second = await apiAs(request, deputy, password);
  for (const counter of [first, second]) {
    for (const [index, { name, votes }] of members.entries()) {
      await counter.put(
        `/api/v1/voting-sessions/${session.id}/tallies/${ids[index]}`,
        votes,
        `${name}: tally`,
      );
    }
  }
  return { baseId, sid: session.id };
}

test("the branch records the minutes and shortcomings, prints the PDF, attaches the signed scan", async ({
  page,
  browser,
  request,
}) => {
  expect(adminPassword, "KIEMDIEM_E2E_ADMIN_PASSWORD is set by playwright.config.ts").not.toBe("");
  test.setTimeout(90_000);
  const { baseId, sid } = await setUp(request);

  await logIn(page, secretary, password);
  await page.goto(`/voting-sessions/${sid}`);
  await expect(page.getByTestId("session-status")).toHaveText("Đang bỏ phiếu");
  const roll = page.getByTestId("voting-roll");
  const cuong = roll.locator("tr", { hasText: completed });
  await expect(cuong.getByTestId("session-result")).toContainText("Hoàn thành nhiệm vụ");
  await expect(cuong.getByText("Cần ghi khuyết điểm")).toBeVisible();
  await expect(page.getByTestId("shortcomings-missing")).toContainText(completed);

  // The minutes: more ballots issued than voters present is refused under the field.
  const minutes = page.getByTestId("tally-minutes");
  await minutes.getByLabel("Số phiếu phát ra").fill("4");
  await minutes.getByLabel("Số phiếu thu vào").fill("3");
  await minutes.getByLabel("Số phiếu hợp lệ").fill("3");
  await minutes.getByLabel("Số phiếu không hợp lệ").fill("0");
  await minutes.getByLabel("Thành viên ban kiểm phiếu 1", { exact: true }).fill("Nguyễn Thị Kiểm");
  await minutes.getByRole("button", { name: /Thêm thành viên/ }).click();
  await minutes.getByLabel("Thành viên ban kiểm phiếu 2", { exact: true }).fill("Đỗ Văn Đếm");
  await minutes.getByLabel("Chủ trì").fill(`Bí thư ${branchName}`);
  await minutes.getByLabel("Thư ký").fill("Lê Thị Thư");
  await minutes.getByRole("button", { name: /Lưu biên bản/ }).click();
  await expect(minutes.getByText(/Số phiếu phát ra vượt số đảng viên/)).toBeVisible();
  await minutes.getByLabel("Số phiếu phát ra").fill("3");
  await minutes.getByRole("button", { name: /Lưu biên bản/ }).click();
  await expect(page.getByText("Đã lưu biên bản kiểm phiếu")).toBeVisible();
  // The actor who wrote them (by username) and when.
  await expect(minutes.getByTestId("tally-minutes-updated")).toContainText(secretary);

  // The meeting's opinions on An, then Cường's shortcomings with the date to remedy them.
  await roll
    .locator("tr", { hasText: "Trần Văn An" })
    .getByRole("button", { name: "Ý kiến, khuyết điểm Trần Văn An" })
    .click();
  let drawer = page.getByRole("dialog", { name: "Ý kiến, khuyết điểm — Trần Văn An" });
  await drawer.getByLabel("Ý kiến của chi bộ").fill("Gương mẫu, nhiệt tình với công việc chung.");
  await drawer.getByRole("button", { name: "Lưu" }).click();
  await expect(drawer).toBeHidden();
  await expect(roll.locator("tr", { hasText: "Trần Văn An" })).toContainText("Ý kiến: Gương mẫu");

  await cuong.getByRole("button", { name: `Ý kiến, khuyết điểm ${completed}` }).click();
  drawer = page.getByRole("dialog", { name: `Ý kiến, khuyết điểm — ${completed}` });
  await drawer
    .getByLabel("Khuyết điểm cần khắc phục")
    .fill("Chưa tham gia đầy đủ sinh hoạt chi bộ.");
  const date = drawer.getByLabel("Hạn khắc phục");
  await date.click();
  await date.fill(remedyBy);
  await date.press("Tab");
  await drawer.getByRole("button", { name: "Lưu" }).click();
  await expect(drawer).toBeHidden();
  await expect(cuong).toContainText(`hạn khắc phục ${remedyBy}`);
  await expect(page.getByTestId("shortcomings-missing")).toHaveCount(0);

  // Finalized: the results carry the shortcomings.
  await page.getByRole("button", { name: /Chốt kết quả/ }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Chốt kết quả" }).click();
  await expect(page.getByTestId("session-status")).toHaveText("Đã chốt, chờ thẩm định");
  const result = page.getByTestId("voting-results").locator("tr", { hasText: completed });
  await expect(result).toContainText("Chưa tham gia đầy đủ sinh hoạt chi bộ.");
  await expect(result).toContainText(`Hạn khắc phục: ${remedyBy}`);

  // The minutes to print, as a PDF.
  const pdf = page.waitForEvent("download");
  await page.getByRole("button", { name: /Biên bản$/ }).hover();
  await page.getByText("In biên bản (PDF)").click();
  const download = await pdf;
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  const bytes = await readFile(await download.path());
  expect(bytes.subarray(0, 4).toString("latin1")).toBe("%PDF");

  // Printed, signed, scanned: the scan is attached to the session.
  const scans = page.getByTestId("session-scans");
  await expect(scans.getByLabel("Tên văn bản")).toHaveValue("Biên bản kiểm phiếu đã ký");
  await scans.locator('input[type="file"]').setInputFiles({
    name: "bien-ban-kiem-phieu-da-ky.pdf",
    mimeType: "application/pdf",
    buffer: bytes,
  });
  const scanRow = scans.getByTestId("scan-list").locator("tr", {
    hasText: "bien-ban-kiem-phieu-da-ky.pdf",
  });
  await expect(scanRow).toContainText("Biên bản kiểm phiếu đã ký");
  await expect(scanRow).toContainText(secretary);

  // The district committee sees the scan in the base's dossier of the year.
  const other = await (await browser.newContext()).newPage();
  await logIn(other, district, password);
  await other.goto(`/dossiers/${baseId}/${year}`);
  await expect(other.getByText(`Hồ sơ năm ${year}: ${baseName}`)).toBeVisible();
  const listed = other.getByTestId("dossier-scans").locator("tr", {
    hasText: "Biên bản kiểm phiếu đã ký",
  });
  await expect(listed).toContainText("bien-ban-kiem-phieu-da-ky.pdf");
  await expect(listed).toContainText(secretary);
  const scanFile = other.waitForEvent("download");
  await listed.getByRole("button", { name: /Tải về bản quét/ }).click();
  expect((await scanFile).suggestedFilename()).toBe("bien-ban-kiem-phieu-da-ky.pdf");
});
