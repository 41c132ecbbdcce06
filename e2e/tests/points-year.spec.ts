import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { addUsers, apiAs, orgChain, pointsCycle, pointsFrames, pointsLess } from "./api.js";
import { logIn, logOut } from "./session.js";

// The year under the 2025 rules (tw-366-2025, RULES-2025.md): scored on 100 points (tenths in
// the API), appraised and decided by the base committee with a quota of excellent per group.

// The administrator made by the webServer command (playwright.config.ts) for this run.
const adminPassword = process.env.KIEMDIEM_E2E_ADMIN_PASSWORD ?? "";
// Codes and user names are unique per run (a retry runs in a new worker: a new `run`).
const run = Date.now().toString(36).toUpperCase();
const lower = run.toLowerCase();
const year = new Date().getFullYear();
const password = `mat-khau-${run}-dai`;
const lanUser = `lan.diem.${lower}`;
const secretary = `bithu.diem.${lower}`;
const committee = `dangu.diem.${lower}`;
const baseCode = `DBDIEM-${run}`;
// S7: by default the members of one base on the same frame (F4: civil servants, Mẫu 2B).
const group = `${baseCode}/F4`;


/** Five members the engine rates good (80 points), for G of the quota (S7). */
const good = ["Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em", "Vũ Thị Giang", "Đặng Văn Hải"];

/**
 * The tree, a tw-366-2025 cycle on the base, Nguyễn Thị Lan (with her login), Trần Văn Bình and
 * five others whose forms the branch secretary enters from paper (Bình 96 points, excellent; the
 * others 80, good), the branch secretary and the base committee's user, through the API.
 */
async function setUp(request: APIRequestContext) {
  const admin = await apiAs(request, "admin", adminPassword);
  const ids = await orgChain(admin, [
    ["province", `Tỉnh ủy Chấm điểm ${run}`, `TDIEM-${run}`],
    ["district", `Huyện ủy Chấm điểm ${run}`, `HDIEM-${run}`],
    ["base", `Đảng bộ Trường Chấm điểm ${run}`, baseCode],
    ["branch", `Chi bộ Khoa Hóa ${run}`, `CBHOA-${run}`],
  ]);
  const [, , baseId, branchId] = ids;
  const cycle = await pointsCycle(admin, baseId, year);
  const newMember = (fullName: string, index: number) =>
    admin.post(
      "/api/v1/members",
      {
        full_name: fullName,
        gender: index % 2 === 0 ? "female" : "male",
        date_of_birth: `198${index}-04-1${index}`,
        branch_id: branchId,
        status: "official",
        admitted_on: "2010-05-19",
        official_on: "2011-05-19",
        category: "civil_servant",
      },
      fullName,
    );
  const lan = await newMember("Nguyễn Thị Lan", 0);
  await admin.post(
    "/api/v1/users",
    {
      username: lanUser,
      display_name: "Nguyễn Thị Lan",
      password,
      member_id: lan.id,
      roles: [{ role: "member", organization_id: branchId }],
    },
    lanUser,
  );
  await addUsers(admin, password, [
    [secretary, `Bí thư Chi bộ Khoa Hóa ${run}`, "branch_committee", branchId],
    [committee, `Đảng ủy viên ${run}`, "committee", baseId],
  ]);

  const [frame] = await pointsFrames(admin, "F4");

  // The branch secretary enters the paper forms (Mẫu 2B) and submits them.
  const branch = await apiAs(request, secretary, password);
  const others: [string, number, number, string][] = [
    ["Trần Văn Bình", 40, 4, "excellent"],
    ...good.map((name): [string, number, number, string] => [name, 200, 0, "good"]),
  ];
  for (const [index, [name, less, exceeded, proposed]] of others.entries()) {
    const member = await newMember(name, index + 1);
    await branch.put(
      `/api/v1/cycles/${cycle.id}/members/${member.id}/point-assessment?period=0`,
      {
        frame: "F4",
        self_points: pointsLess(frame, less),
        tasks: { assigned: 10, done: 10, on_time: 10, exceeded },
        shortcomings: { prior: 0, remedied: 0 },
        narrative: "Hoàn thành nhiệm vụ được giao.",
        proposed_level: proposed,
        submit: true,
      },
      `${name}: the form`,
    );
  }
  return { cycleId: cycle.id, frame };
}

function boardRow(page: Page, name: string) {
  return page.getByTestId("points-board").locator("tr", { hasText: name });
}

test("a member scores herself (Mẫu 2B); the base committee appraises and decides within the quota; she sees the result", async ({
  page,
  request,
}) => {
  expect(adminPassword, "KIEMDIEM_E2E_ADMIN_PASSWORD is set by playwright.config.ts").not.toBe("");
  // Three logins, a form of the year, an appraisal and the decision.
  test.setTimeout(120_000);
  const { cycleId, frame } = await setUp(request);
  const items = frame.groups.flatMap((g) => g.items);
  const own = pointsLess(frame, 50);
  // As the inputs show points: one decimal, a comma (vi).
  const points = (tenths: number) => (tenths / 10).toFixed(1).replace(".", ",");

  // Lan fills Mẫu 2B: 95 points, every task done on time, three beyond the requirement.
  await logIn(page, lanUser, password);
  await page.getByRole("menu").getByRole("link", { name: "Bản tự kiểm điểm của tôi" }).click();
  await page.getByRole("button", { name: "Mở phiếu tự đánh giá, chấm điểm" }).click();
  await expect(page.getByTestId("points-status")).toHaveText("Chưa bắt đầu");
  await expect(page.getByText(/F4 — Mẫu 2B/)).toBeVisible();
  for (const item of items) {
    await page.getByLabel(item.label, { exact: true }).fill(points(own[item.code]));
  }
  await expect(page.getByTestId("sum-total")).toHaveText("Tổng 95/100");
  await page.getByLabel("Số nhiệm vụ được giao").fill("10");
  await page.getByLabel("Số hoàn thành", { exact: true }).fill("10");
  await page.getByLabel("Số hoàn thành đúng hạn").fill("10");
  await page.getByLabel("Số hoàn thành vượt yêu cầu").fill("3");
  await page.getByLabel("Tự nhận xét, đánh giá").fill("Hoàn thành tốt công tác giảng dạy.");
  await page.getByLabel("Tự nhận mức xếp loại").click();
  await page.getByTitle("Hoàn thành xuất sắc nhiệm vụ").click();
  await page.getByRole("button", { name: /Lưu nháp/ }).click();
  await expect(page.getByTestId("points-status")).toHaveText("Bản nháp");
  await page.getByRole("button", { name: /Nộp/ }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Nộp" }).click();
  await expect(page.getByTestId("points-status")).toHaveText("Đã nộp");
  await expect(page.getByTestId("indicated-level")).toContainText("Hoàn thành xuất sắc nhiệm vụ");
  await logOut(page);

  // The base committee appraises her form: one point less on the first item.
  await logIn(page, committee, password);
  await page.goto(`/cycles/${cycleId}`);
  await page.getByRole("tab", { name: "Thẩm định và xếp loại" }).click();
  const lanRow = boardRow(page, "Nguyễn Thị Lan");
  await expect(lanRow).toContainText("95");
  await lanRow.getByRole("button", { name: "Thẩm định" }).click();
  const drawer = page.getByRole("dialog", { name: "Thẩm định phiếu của Nguyễn Thị Lan" });
  const first = items[0];
  const appraised = drawer.getByLabel(`Điểm thẩm định: ${first.label}`);
  await expect(appraised).toHaveValue(points(own[first.code]));
  await appraised.fill(points(own[first.code] - 10));
  await expect(drawer.getByTestId("sum-total")).toHaveText("Tổng 94/100");
  await drawer.getByRole("button", { name: "Lưu thẩm định" }).click();
  await expect(drawer).toBeHidden();
  await expect(lanRow).toContainText("Đã thẩm định");
  await expect(lanRow).toContainText("94");

  // S7: G = 5 good, so 1 excellent: Bình (96) stays, Lan (94) falls to good.
  const meter = page.getByTestId(`quota-group-${group}`);
  await expect(meter).toContainText("1/1");
  await expect(meter.locator(".ant-descriptions-item-content")).toHaveText([
    "5",
    "1 (20% của G)",
    "2",
    "1",
  ]);
  await expect(boardRow(page, "Trần Văn Bình")).toContainText("Hoàn thành xuất sắc nhiệm vụ");
  await expect(lanRow).toContainText("Hoàn thành tốt nhiệm vụ");
  await expect(lanRow).toContainText("Vượt tỷ lệ hoàn thành xuất sắc của nhóm");

  // The decision: nobody left to choose for; confirmed, the levels are recorded.
  const decision = page.getByTestId("points-decision");
  await expect(decision).toContainText("Không có ai cần chọn mức");
  await decision.getByRole("button", { name: "Quyết định xếp loại" }).click();
  const confirm = page.getByRole("dialog").filter({ hasText: `Quyết định xếp loại năm ${year}?` });
  await expect(confirm.getByTestId("decision-counts")).toContainText(
    "Hoàn thành xuất sắc nhiệm vụ: 1",
  );
  await expect(confirm.getByTestId("decision-counts")).toContainText("Hoàn thành tốt nhiệm vụ: 6");
  await confirm.getByRole("button", { name: "Quyết định" }).click();
  await expect(page.getByTestId("decision-summary")).toContainText(
    "Cấp có thẩm quyền đã quyết định xếp loại năm nay",
  );
  await expect(lanRow).toContainText("Đã quyết định");
  await logOut(page);

  // Lan sees the level decided and why, on her form.
  await logIn(page, lanUser, password);
  await page.getByRole("menu").getByRole("link", { name: "Bản tự kiểm điểm của tôi" }).click();
  await page.getByRole("button", { name: "Mở phiếu tự đánh giá, chấm điểm" }).click();
  await expect(page.getByTestId("points-status")).toHaveText("Đã quyết định");
  const result = page.getByTestId("decided-result");
  await expect(result).toContainText("Kết quả xếp loại");
  await expect(result).toContainText("Hoàn thành tốt nhiệm vụ");
  await expect(result.locator("[data-reason=S7]")).toHaveText(
    "S7: Vượt tỷ lệ hoàn thành xuất sắc của nhóm: xuống hoàn thành tốt nhiệm vụ",
  );
  await expect(result.locator("[data-reason=S5]")).toContainText("S5:");
  const today = new Date().toLocaleDateString("en-GB", { timeZone: "Asia/Ho_Chi_Minh" });
  await expect(result.getByTestId("decided-on")).toContainText(`Quyết định ngày ${today}`);
  await expect(page.getByRole("button", { name: /Tải bản kiểm điểm \(DOCX\)/ })).toBeVisible();
});
