import { expect, test, type APIRequestContext } from "@playwright/test";
import { addUsers, apiAs, orgChain, pointsCycle, pointsFrames, pointsLess } from "./api.js";
import { logIn, logOut } from "./session.js";

// Collectives under the 2025 rules (tw-366-2025, RULES-2025.md C1–C4): a branch's committee
// scores its branch on frame F1 (Mẫu 01); the base committee decides its branches' levels, with
// the branches' members' levels beside them (guidance 3).

const adminPassword = process.env.KIEMDIEM_E2E_ADMIN_PASSWORD ?? "";
// Codes and user names are unique per run (a retry runs in a new worker: a new `run`).
const run = Date.now().toString(36).toUpperCase();
const lower = run.toLowerCase();
const year = new Date().getFullYear();
const password = `mat-khau-${run}-dai`;
const secretary = `bithu.tapthe.${lower}`;
const committee = `dangu.tapthe.${lower}`;
const chemistry = `Chi bộ Khoa Hóa ${run}`;
const biology = `Chi bộ Khoa Sinh ${run}`;


/**
 * The tree, a tw-366-2025 cycle on the base with two branches, a member of Khoa Hóa whose form
 * (good) the secretary entered from paper, the secretary of Khoa Hóa and the base committee's
 * user; Khoa Sinh's own form submitted by the base committee from paper: 80 points but one
 * task of ten not done, which fits no level (S5-gap).
 */
async function setUp(request: APIRequestContext) {
  const admin = await apiAs(request, "admin", adminPassword);
  const ids = await orgChain(admin, [
    ["province", `Tỉnh ủy Tập thể ${run}`, `TTT-${run}`],
    ["district", `Huyện ủy Tập thể ${run}`, `HTT-${run}`],
    ["base", `Đảng bộ Trường Tập thể ${run}`, `DBTT-${run}`],
  ]);
  const baseId = ids[2];
  const branch = async (name: string, code: string) =>
    (
      await admin.post(
        "/api/v1/organizations",
        { kind: "branch", name, code, parent_id: baseId },
        name,
      )
    ).id;
  const chemistryId = await branch(chemistry, `CBHOA-TT-${run}`);
  const biologyId = await branch(biology, `CBSINH-TT-${run}`);
  const cycle = await pointsCycle(admin, baseId, year);
  await addUsers(admin, password, [
    [secretary, `Bí thư ${chemistry}`, "branch_committee", chemistryId],
    [committee, `Đảng ủy viên ${run}`, "committee", baseId],
  ]);

  const [f1, f4] = await pointsFrames(admin, "F1", "F4");

  // A member of Khoa Hóa, good (80 points), entered from paper by the secretary.
  const member = await admin.post(
    "/api/v1/members",
    {
      full_name: "Nguyễn Văn Tập",
      gender: "male",
      date_of_birth: "1985-04-12",
      branch_id: chemistryId,
      status: "official",
      admitted_on: "2010-05-19",
      official_on: "2011-05-19",
      category: "civil_servant",
    },
    "the member",
  );
  const own = {
    tasks: { assigned: 10, done: 10, on_time: 10, exceeded: 0 },
    shortcomings: { prior: 0, remedied: 0 },
    narrative: "Hoàn thành nhiệm vụ được giao.",
    submit: true,
  };
  const bySecretary = await apiAs(request, secretary, password);
  await bySecretary.put(
    `/api/v1/cycles/${cycle.id}/members/${member.id}/point-assessment?period=0`,
    { ...own, frame: "F4", self_points: pointsLess(f4, 200), proposed_level: "good" },
    "the member's form",
  );
  // Khoa Sinh's own form: 80 points, 9 of 10 tasks done (S5-gap).
  const byCommittee = await apiAs(request, committee, password);
  await byCommittee.put(
    `/api/v1/cycles/${cycle.id}/organizations/${biologyId}/point-assessment`,
    {
      ...own,
      self_points: pointsLess(f1, 200),
      tasks: { assigned: 10, done: 9, on_time: 9, exceeded: 0 },
      proposed_level: "good",
    },
    "Khoa Sinh's form",
  );
  return { cycleId: cycle.id as number, f1 };
}

test("a branch secretary submits the branch's Mẫu 01; the base committee decides the branches", async ({
  page,
  request,
}) => {
  expect(adminPassword, "KIEMDIEM_E2E_ADMIN_PASSWORD is set by playwright.config.ts").not.toBe("");
  test.setTimeout(120_000);
  const { cycleId, f1 } = await setUp(request);
  // Khoa Hóa: 85 points, every task on time: good.
  const own = pointsLess(f1, 150);
  const points = (tenths: number) => (tenths / 10).toFixed(1).replace(".", ",");

  // The secretary finds the branch's own form beside the members' forms and fills it.
  await logIn(page, secretary, password);
  await page.goto(`/cycles/${cycleId}`);
  await page.getByRole("tab", { name: "Phiếu chấm điểm" }).click();
  const link = page.getByTestId("collective-form-link");
  await expect(link).toContainText("Chưa bắt đầu");
  await link.getByRole("button", { name: "Mở phiếu của chi bộ" }).click();
  await expect(page.getByTestId("points-status")).toHaveText("Chưa bắt đầu");
  await expect(page.getByTestId("points-frame")).toContainText("F1 — Mẫu 01");
  for (const item of f1.groups.flatMap((g) => g.items)) {
    await page.getByLabel(item.label, { exact: true }).fill(points(own[item.code]));
  }
  await expect(page.getByTestId("sum-total")).toHaveText("Tổng 85/100");
  await page.getByLabel("Số nhiệm vụ được giao").fill("10");
  await page.getByLabel("Số hoàn thành", { exact: true }).fill("10");
  await page.getByLabel("Số hoàn thành đúng hạn").fill("10");
  await page.getByLabel(/^Báo cáo kiểm điểm/).fill("Chi bộ lãnh đạo hoàn thành tốt nhiệm vụ.");
  await page.getByLabel("Tự nhận mức xếp loại").click();
  await page.getByTitle("Hoàn thành tốt nhiệm vụ").click();
  await page.getByRole("button", { name: /Lưu nháp/ }).click();
  await expect(page.getByTestId("points-status")).toHaveText("Bản nháp");
  await page.getByRole("button", { name: /Nộp/ }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Nộp" }).click();
  await expect(page.getByTestId("points-status")).toHaveText("Đã nộp");
  await expect(page.getByText("Phiếu đã nộp, không sửa được nữa.")).toBeVisible();
  await expect(page.getByTestId("indicated-level")).toContainText("Hoàn thành tốt nhiệm vụ");
  await logOut(page);

  // The base committee sees both branches, their members beside them; C4: it decides the
  // members first, then the branches.
  await logIn(page, committee, password);
  await page.goto(`/cycles/${cycleId}`);
  await page.getByRole("tab", { name: "Tập thể" }).click();
  const decision = page.getByTestId("collectives-decision-branches");
  await expect(decision.getByTestId("decision-blocked")).toContainText(
    "Quyết định xếp loại đảng viên trước",
  );
  await page.getByRole("tab", { name: "Thẩm định và xếp loại" }).click();
  const members = page.getByTestId("points-decision");
  await members.getByRole("button", { name: "Quyết định xếp loại" }).click();
  await page
    .getByRole("dialog")
    .filter({ hasText: `Quyết định xếp loại năm ${year}?` })
    .getByRole("button", { name: "Quyết định" })
    .click();
  await expect(members.getByTestId("decision-summary")).toBeVisible();
  await page.getByRole("tab", { name: "Tập thể" }).click();
  await expect(decision.getByTestId("decision-blocked")).toHaveCount(0);

  const board = page.getByTestId("collectives-board");
  const chemistryRow = board.locator("tr", { hasText: chemistry });
  const biologyRow = board.locator("tr", { hasText: biology });
  await expect(chemistryRow).toContainText("Đã nộp");
  await expect(chemistryRow).toContainText("85");
  await expect(chemistryRow).toContainText("Hoàn thành tốt nhiệm vụ");
  await expect(chemistryRow.getByTestId("member-levels")).toHaveText(
    "Đảng viên (1): Tốt 1 · đã quyết định 1/1",
  );
  await expect(biologyRow).toContainText("Cấp có thẩm quyền quyết định");
  await expect(board.locator("tr", { hasText: `Đảng bộ Trường Tập thể ${run}` }).getByTestId(
    "branch-levels",
  )).toHaveText("Chi bộ (2): Tốt 1 · Chưa xếp loại 1");
  const download = page.waitForEvent("download");
  await chemistryRow.getByRole("button", { name: "Tải Mẫu 01" }).click();
  expect((await download).suggestedFilename()).toMatch(/\.docx$/);

  await decision.getByLabel(`Mức xếp loại quyết định: ${biology}`).click();
  await page.getByTitle("Hoàn thành nhiệm vụ", { exact: true }).click();
  await decision
    .getByLabel(`Lý do quyết định: ${biology}`)
    .fill("Nhiệm vụ còn lại chậm do nguyên nhân khách quan");
  await decision.getByRole("button", { name: "Quyết định xếp loại" }).click();
  const confirm = page.getByRole("dialog").filter({ hasText: `các chi bộ năm ${year}?` });
  await expect(confirm.getByTestId("decision-counts")).toHaveText(
    /Hoàn thành tốt nhiệm vụ: 1.*Hoàn thành nhiệm vụ: 1/,
  );
  await confirm.getByRole("button", { name: "Quyết định" }).click();
  await expect(decision.getByTestId("decision-summary")).toContainText(
    "Đã quyết định xếp loại các chi bộ",
  );
  await expect(biologyRow).toContainText("Đã quyết định");
  await expect(biologyRow).toContainText("Hoàn thành nhiệm vụ");
  await expect(biologyRow).toContainText(
    "Lý do quyết định: Nhiệm vụ còn lại chậm do nguyên nhân khách quan",
  );
});
