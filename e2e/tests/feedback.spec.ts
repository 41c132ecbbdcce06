import { expect, test, type APIRequestContext } from "@playwright/test";
import { logIn, logOut } from "./session.js";

// The administrator made by the webServer command (playwright.config.ts) for this run.
const adminPassword = process.env.KIEMDIEM_E2E_ADMIN_PASSWORD ?? "";
// Codes and usernames are unique per run: review.spec.ts shares the database.
const run = Date.now().toString(36).toUpperCase();
const year = new Date().getFullYear();
const password = `mat-khau-${run}-dai`;

/** Today as the SPA shows it: dd/mm/yyyy in Vietnam. */
function todayInVietnam(): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: "Asia/Ho_Chi_Minh",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
  }).format(new Date());
}

/**
 * The tree (codes ending in `tag`), the members named, a feedback provider (the union, named
 * `union`), the branch committee's user and a cycle, through the API.
 */
async function setUp(
  request: APIRequestContext,
  tag: string,
  names: string[],
  union: string,
) {
  const provider = `gopy.${tag.toLowerCase()}`;
  const secretary = `bithu.${tag.toLowerCase()}`;
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
    ["province", `Tỉnh ủy Góp ý ${tag}`, `TGY-${tag}`],
    ["district", `Huyện ủy Góp ý ${tag}`, `HGY-${tag}`],
    ["base", `Đảng bộ Trường Góp ý ${tag}`, `DBGY-${tag}`],
    ["branch", `Chi bộ Khoa Hóa ${tag}`, `CBHOA-${tag}`],
  ] as const) {
    parentId = (await post("/api/v1/organizations", { kind, name, code, parent_id: parentId }, kind))
      .id;
    ids.push(parentId);
  }
  const [, , baseId, branchId] = ids;
  const members: { id: number }[] = [];
  for (const [n, full_name] of names.entries()) {
    members.push(
      await post(
        "/api/v1/members",
        {
          full_name,
          gender: "female",
          date_of_birth: `198${n}-09-02`,
          branch_id: branchId,
          status: "official",
          admitted_on: "2008-05-19",
          official_on: "2009-05-19",
          category: "civil_servant",
        },
        full_name,
      ),
    );
  }
  const providerUser = await post(
    "/api/v1/users",
    {
      username: provider,
      display_name: union,
      password,
      roles: [{ role: "feedback_provider", organization_id: baseId }],
    },
    provider,
  );
  await post(
    "/api/v1/users",
    {
      username: secretary,
      display_name: `Bí thư Chi bộ Khoa Hóa ${tag}`,
      password,
      roles: [{ role: "branch_committee", organization_id: branchId }],
    },
    secretary,
  );
  const cycle = await post(
    "/api/v1/cycles",
    { organization_id: baseId, year, reference_date: `${year}-12-15` },
    "the cycle",
  );
  return { cycleId: cycle.id, members, providerId: providerUser.id, provider, secretary, post };
}

test("a feedback provider answers a request, and the branch committee reads the answer", async ({
  page,
  request,
}) => {
  expect(adminPassword, "KIEMDIEM_E2E_ADMIN_PASSWORD is set by playwright.config.ts").not.toBe("");
  test.setTimeout(90_000);
  const { cycleId, members, providerId, provider, secretary, post } = await setUp(
    request,
    run,
    ["Phạm Thị Hoa"],
    `Công đoàn Khoa Hóa ${run}`,
  );
  await post(
    `/api/v1/cycles/${cycleId}/feedback-requests`,
    {
      member_id: members[0].id,
      source: "workplace",
      provider_user_id: providerId,
      cluster: "Cụm Công đoàn Khoa Hóa",
      led_by: `Bí thư Chi bộ Khoa Hóa ${run}`,
      sent_on: `${year}-11-10`,
      due_on: `${year + 1}-01-31`,
    },
    "the feedback request",
  );
  const answer = "Đồng chí nhiệt tình, gương mẫu trong công tác công đoàn.";

  // The provider finds the request in the inbox and answers it.
  await logIn(page, provider, password);
  await page.getByRole("menu").getByRole("link", { name: "Lấy ý kiến" }).click();
  await expect(page).toHaveURL(/\/feedback$/);
  const row = page.getByTestId("feedback-inbox").locator("tr", { hasText: "Phạm Thị Hoa" });
  await expect(row).toContainText("Nơi làm việc");
  await expect(row).toContainText("Chưa trả lời");
  await row.getByRole("button", { name: "Trả lời" }).click();
  const dialog = page.getByRole("dialog", { name: "Ý kiến về đảng viên Phạm Thị Hoa" });
  await dialog.getByLabel("Nội dung ý kiến").fill(answer);
  await dialog.getByLabel("Đề nghị mức xếp loại").click();
  await page.getByTitle("Hoàn thành tốt nhiệm vụ").click();
  await dialog.getByRole("button", { name: "Lưu" }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText(`Đã trả lời ${todayInVietnam()}`);
  await logOut(page);

  // The branch committee sees the answer on the member's feedback tab.
  await logIn(page, secretary, password);
  await page.goto(`/cycles/${cycleId}`);
  await page.getByRole("tab", { name: "Chi bộ" }).click();
  const memberRow = page.getByTestId("branch-board").locator("tr", { hasText: "Phạm Thị Hoa" });
  await memberRow.getByRole("button", { name: "Xem" }).click();
  const drawer = page.getByRole("dialog", { name: "Phạm Thị Hoa" });
  await drawer.getByRole("tab", { name: "Lấy ý kiến" }).click();
  const requests = drawer.getByTestId("member-feedback");
  const requestRow = requests.locator("tr", { hasText: "Nơi làm việc" });
  await expect(requestRow).toContainText(`Đã trả lời ${todayInVietnam()}`);
  await requestRow.locator(".ant-table-row-expand-icon").click();
  await expect(requests).toContainText(answer);
  await expect(requests).toContainText("Hoàn thành tốt nhiệm vụ");
});

test("a secretary asks about the whole branch in one step, picking the union by name", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const tag = `${run}B`;
  const names = ["Trần Thị Yến", "Lê Văn An", "Nguyễn Thị Bích"];
  const { cycleId, provider, secretary } = await setUp(
    request,
    tag,
    names,
    `Công đoàn trường ${tag}`,
  );

  await logIn(page, secretary, password);
  await page.goto(`/cycles/${cycleId}`);
  await page.getByRole("tab", { name: "Chi bộ" }).click();
  await page.getByRole("button", { name: "Lấy ý kiến cả chi bộ" }).click();
  const dialog = page.getByRole("dialog", { name: "Lấy ý kiến về mọi đảng viên của chi bộ" });
  // The union is found by its name typed without diacritics, never by a user id.
  await dialog.getByLabel("Người góp ý trên hệ thống").fill(`cong doan truong ${tag.toLowerCase()}`);
  await page.getByTitle(`Công đoàn trường ${tag} — Đảng bộ Trường Góp ý ${tag}`).click();
  await dialog.getByRole("button", { name: "Gửi cho cả chi bộ" }).click();
  await expect(dialog).toContainText("Đã gửi yêu cầu lấy ý kiến (Nơi làm việc) về 3 đảng viên");
  await dialog.getByRole("button", { name: "Đóng" }).first().click();

  // Again: nobody is asked twice.
  await page.getByRole("button", { name: "Lấy ý kiến cả chi bộ" }).click();
  const again = page.getByRole("dialog", { name: "Lấy ý kiến về mọi đảng viên của chi bộ" });
  await again.getByRole("button", { name: "Gửi cho cả chi bộ" }).click();
  await expect(again).toContainText("về 0 đảng viên");
  await expect(again).toContainText("3 đảng viên đã có yêu cầu nên không gửi lại");
  await again.getByRole("button", { name: "Đóng" }).first().click();
  await expect(again).toBeHidden();
  await logOut(page);

  // The union's inbox holds the three.
  await logIn(page, provider, password);
  await page.goto("/feedback");
  const inbox = page.getByTestId("feedback-inbox");
  for (const name of names) await expect(inbox).toContainText(name);
});
