import { expect, test } from "@playwright/test";
import { addUsers, apiAs, orgChain } from "./api.js";
import { logIn } from "./session.js";

// The administrator made by the webServer command (playwright.config.ts) for this run.
const adminPassword = process.env.KIEMDIEM_E2E_ADMIN_PASSWORD ?? "";
// Codes and usernames are unique per run: the other specs share the database.
const run = Date.now().toString(36).toUpperCase();
const year = 2016;
const password = `mat-khau-${run}-dai`;
const baseUser = `danguy.ld.${run.toLowerCase()}`;
const provinceUser = `tinhuy.ld.${run.toLowerCase()}`;
const cityUser = `thanhuy.ld.${run.toLowerCase()}`;
const baseName = `Đảng bộ Trường Lãnh đạo ${run}`;
const rector = `Đinh Xuân Hiệu ${run}`;

// Plan II.5: the base's leaders' reviews go to the province before 15/12 — the approved
// collective report, the leaders' review meeting, each leader's self-review, as PDF — and the
// province (not the city) accepts them.
test("a base sends its leaders' dossier to the province, which accepts it", async ({
  page,
  browser,
  request,
}) => {
  expect(adminPassword, "KIEMDIEM_E2E_ADMIN_PASSWORD is set by playwright.config.ts").not.toBe("");
  const admin = await apiAs(request, "admin", adminPassword);
  const [provinceId, cityId, baseId, branchId] = await orgChain(admin, [
    ["province", `Tỉnh ủy Lãnh đạo ${run}`, `TULD-${run}`],
    ["district", `Thành ủy Lãnh đạo ${run}`, `THLD-${run}`],
    ["base", baseName, `DBLD-${run}`],
    ["branch", `Chi bộ Ban Giám hiệu ${run}`, `CBLD-${run}`],
  ]);
  const member = await admin.post(
    "/api/v1/members",
    {
      full_name: rector,
      gender: "male",
      date_of_birth: "1968-03-02",
      branch_id: branchId,
      status: "official",
      admitted_on: "1995-05-19",
      official_on: "1996-05-19",
      category: "civil_servant",
      leadership_post: "Hiệu trưởng",
      leadership_level: "grassroots",
    },
    "the rector",
  );
  const cycle = await admin.post(
    "/api/v1/cycles",
    { organization_id: baseId, year, reference_date: `${year}-11-15` },
    "the cycle",
  );
  const path = `/api/v1/cycles/${cycle.id}/members/${member.id}`;
  await admin.put(
    `${path}/self-review`,
    {
      political_ideology: "Kiên định đường lối của Đảng.",
      ethics_lifestyle: "Giản dị, trung thực.",
      duties: "Chỉ đạo kiểm định chất lượng nhà trường.",
      organisation_discipline: "Chấp hành nghiêm kỷ luật.",
      shortcomings: "Chưa sâu sát các khoa.",
      remedies: "Dự sinh hoạt các chi bộ hằng quý.",
      self_assessed_level: "excellent",
    },
    "the rector's self-review",
  );
  await admin.post(`${path}/self-review/submit`, undefined, "submitted", 200);
  // The leaders' review meeting of 21/11 (plan II.3), its vote on the rector.
  await admin.post(
    `/api/v1/cycles/${cycle.id}/key-cadre-meetings`,
    {
      kind: "leaders_review",
      held_on: `${year}-11-21`,
      chaired_by: "Bí thư Đảng ủy",
      attendees: 2,
      attendee_names: ["Nguyễn Văn Dự", "Trần Thị Họp"],
      collective_opinion: "Tập thể lãnh đạo đoàn kết, đổi mới.",
      assessments: [
        { member_id: member.id, opinion: "Quyết liệt, gương mẫu.", votes: { excellent: 2 } },
      ],
    },
    "the leaders' review meeting",
  );
  await addUsers(admin, password, [
    [baseUser, `Đảng ủy ${run}`, "committee", baseId],
    [cityUser, `Thành ủy ${run}`, "committee", cityId],
    [provinceUser, `Tỉnh ủy ${run}`, "committee", provinceId],
  ]);

  // The base's committee: the report not yet approved blocks the dossier.
  await logIn(page, baseUser, password);
  await page.goto(`/dossiers/${baseId}/${year}`);
  await page.getByRole("tab", { name: "Hồ sơ cán bộ lãnh đạo gửi Tỉnh ủy" }).click();
  await expect(page).toHaveURL(/kind=leaders/);
  await expect(page.getByText("15/12/2016")).toBeVisible();
  await expect(
    page.getByText("Báo cáo kiểm điểm tập thể chưa được duyệt, ban hành"),
  ).toBeVisible();
  // The meeting's record prints from the records.
  const record = page.waitForEvent("download");
  await page
    .getByRole("button", {
      name: "In Biên bản hội nghị cán bộ cốt cán và hội nghị kiểm điểm tập thể, cá nhân lãnh đạo (PDF)",
    })
    .click();
  expect((await record).suggestedFilename()).toBe("02-bien-ban-hoi-nghi-kiem-diem-lanh-dao.pdf");

  // The committee approves its collective report (through the API, as its page does).
  const base = await apiAs(request, baseUser, password);
  const report = `/api/v1/organizations/${baseId}/reports/${year}/collective_review`;
  await base.put(
    report,
    {
      version: 0,
      title: "Báo cáo kiểm điểm tập thể Ban Giám hiệu",
      body: "I. KẾT QUẢ\nTập thể có {{tong_so_dang_vien}} đảng viên.",
      signer_title: "T/M ĐẢNG ỦY\nBÍ THƯ",
      signer_name: "Nguyễn Văn Bí",
    },
    "the report",
  );
  await base.post(`${report}/approval`, { version: 1, dated_on: `${year}-11-22` }, "approved", 200);

  await page.reload();
  await expect(page.getByText(`Bản kiểm điểm cá nhân — ${rector}`)).toBeVisible();
  await page.getByRole("button", { name: "Nộp hồ sơ lên Tỉnh ủy" }).click();
  const confirm = page.getByRole("dialog");
  await expect(confirm).toContainText("không thể thay đổi cho đến khi Tỉnh ủy trả lại");
  await confirm.getByRole("button", { name: "Nộp hồ sơ lên Tỉnh ủy" }).click();
  await expect(page.getByText("Đã nộp, chờ xem xét").first()).toBeVisible();
  await expect(page.getByText("Nộp muộn").first()).toBeVisible();

  // The city reads it but does not decide; the province does.
  const city = await (await browser.newContext()).newPage();
  await logIn(city, cityUser, password);
  await city.goto(`/dossiers/${baseId}/${year}?kind=leaders`);
  await expect(city.getByText("Đã nộp, chờ xem xét").first()).toBeVisible();
  await expect(city.getByRole("button", { name: "Tiếp nhận" })).toHaveCount(0);

  const province = await (await browser.newContext()).newPage();
  await logIn(province, provinceUser, password);
  await province.goto(`/dossiers?org=${provinceId}&year=${year}`);
  await province.getByText("Hồ sơ cán bộ lãnh đạo", { exact: true }).click();
  const row = province.locator("tr", { hasText: baseName });
  await expect(row).toContainText("Đã nộp, chờ xem xét");
  await row.getByRole("link", { name: baseName }).click();
  await expect(province).toHaveURL(/kind=leaders/);
  await province.getByRole("button", { name: "Tiếp nhận" }).click();
  await province.getByRole("dialog").getByRole("button", { name: "Tiếp nhận" }).click();
  await expect(province.getByText("Đã tiếp nhận").first()).toBeVisible();
});
