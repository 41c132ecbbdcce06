import { expect, test } from "@playwright/test";
import { addUsers, apiAs, orgChain, pointsCycle } from "./api.js";
import { logIn, logOut } from "./session.js";

// Guidance C.4 (issue #16): before its review meeting the base reports it to the superior so
// that the superior can send someone; the base's committee schedules the meeting with the
// district's representative invited and sends the notice; the district's committee finds it
// among its notifications.

const adminPassword = process.env.KIEMDIEM_E2E_ADMIN_PASSWORD ?? "";
const run = Date.now().toString(36).toUpperCase();
const lower = run.toLowerCase();
const year = new Date().getFullYear();
const password = `mat-khau-${run}-dai`;
const baseCommittee = `danguy.hoinghi.${lower}`;
const districtCommittee = `thanhuy.hoinghi.${lower}`;
const base = `Đảng bộ Trường Hội nghị ${run}`;

test("the base schedules its review meeting, invites the district and notifies it", async ({
  page,
  request,
}) => {
  const admin = await apiAs(request, "admin", adminPassword);
  const [, districtId, baseId] = await orgChain(admin, [
    ["province", `Tỉnh ủy Hội nghị ${run}`, `THN-${run}`],
    ["district", `Thành ủy Hội nghị ${run}`, `TPHN-${run}`],
    ["base", base, `DBHN-${run}`],
  ]);
  const cycle = await pointsCycle(admin, baseId, year);
  await addUsers(admin, password, [
    [baseCommittee, `Đảng ủy viên ${run}`, "committee", baseId],
    [districtCommittee, `Thành ủy viên ${run}`, "committee", districtId],
  ]);

  // Ten days from now at 08:00, as typed in the picker (dd/mm/yyyy HH:mm).
  const day = new Date(Date.now() + 10 * 24 * 3600 * 1000);
  const dmy = [day.getDate(), day.getMonth() + 1]
    .map((n) => String(n).padStart(2, "0"))
    .concat(String(day.getFullYear()))
    .join("/");

  await logIn(page, baseCommittee, password);
  await page.goto(`/cycles/${cycle.id}`);
  await page.getByRole("tab", { name: "Kế hoạch" }).click();
  await page.getByRole("button", { name: "Lên lịch hội nghị" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Nội dung hội nghị").fill("Kiểm điểm tập thể Ban Thường vụ Đảng ủy");
  await dialog.getByLabel("Thời gian").fill(`${dmy} 08:00`);
  await dialog.getByLabel("Thời gian").press("Enter");
  await dialog.getByLabel("Địa điểm").fill("Hội trường A");
  await dialog.getByLabel("Họ và tên đại biểu 1").fill("Đồng chí Hồ Văn Minh");
  await dialog.getByLabel("Cơ quan của đại biểu 1").fill("Ban Thường vụ Thành ủy");
  await dialog.getByRole("button", { name: "Lưu" }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole("row", { name: /Kiểm điểm tập thể Ban Thường vụ Đảng ủy/ });
  await expect(row).toContainText(`${dmy} 08:00`);
  await expect(row).toContainText("Chưa báo cáo cấp trên");

  await row.getByRole("button", { name: "Báo cáo cấp trên" }).click();
  const confirm = page.getByRole("dialog", { name: /Gửi thông báo mời Đồng chí Hồ Văn Minh/ });
  await confirm.getByRole("button", { name: "Báo cáo cấp trên" }).click();
  await expect(row).toContainText("Đã báo cáo cấp trên");
  await logOut(page);

  // The district's committee is told, on its home page (the agenda) and in its bell.
  await logIn(page, districtCommittee, password);
  const notice = `Mời dự hội nghị của ${base} — Kiểm điểm tập thể Ban Thường vụ Đảng ủy: 08:00 ngày ${dmy} tại Hội trường A`;
  await expect(page.getByTestId("agenda-item").getByText(notice)).toBeVisible();
  await page.getByRole("button", { name: "Thông báo" }).click();
  await expect(page.getByRole("link", { name: notice })).toBeVisible();
});
