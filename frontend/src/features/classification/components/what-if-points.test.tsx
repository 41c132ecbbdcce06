import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type {
  PointsPreview,
  PointsPreviewRequest,
  PointsPreviewResult,
} from "@/lib/classification/preview";
import { toApiDay, todayInVietnam } from "@/lib/format";
import { preview } from "@/testing/classification";
import { json, meWith, paged, problem, startSession, stubApi } from "@/testing/api";
import { pointsInfo } from "@/testing/points";
import { renderApp } from "@/testing/render-app";

const previewPath = "POST /api/v1/classification/preview";

type AnyBody = { members: { frame?: string }[] };

/** The what-if's API: the ballot answer for a ballot body, `answer` for a points body. */
function pointsApi(answer: (body: PointsPreviewRequest) => Response) {
  return stubApi({
    "GET /api/v1/auth/me": () => json(meWith("branch_committee", 30, "Chi bộ Khoa Toán")),
    "GET /api/v1/notifications": paged([]),
    "GET /api/v1/rule-sets": () =>
      json([
        { name: "vinh-2016", method: "ballot", points: null },
        { name: "tw-366-2025", method: "points", points: pointsInfo() },
      ]),
    [previewPath]: async (request) => {
      const body = (await request.clone().json()) as AnyBody;
      return body.members[0]?.frame === undefined
        ? json(preview())
        : answer(body as PointsPreviewRequest);
    },
  });
}

function result(changes: Partial<PointsPreviewResult> & { id: string }): PointsPreviewResult {
  return {
    status: "classified",
    level: "good",
    total: 800,
    group: "F4",
    reasons: ["S5"],
    ...changes,
  };
}

/** The engine's answer for the five example rows. */
function pointsPreview(): PointsPreview {
  return {
    rule_set: "tw-366-2025",
    method: "points",
    results: [
      result({ id: "1", total: 935, group: "F3", reasons: ["S5", "S7"] }),
      result({ id: "2", total: 820 }),
      result({ id: "3", level: "completed", total: 730 }),
      result({ id: "4", status: "not_classified", level: null, group: "F5", reasons: ["S3"] }),
      result({
        id: "5",
        total: 920,
        group: "F1",
        reasons: ["C2-subordinate_disciplined", "C2"],
      }),
    ],
    quotas: [
      { group: "F1", counted: 0, limit: 0, excellent_before_quota: 0, excellent: 0 },
      { group: "F3", counted: 0, limit: 0, excellent_before_quota: 1, excellent: 0 },
      { group: "F4", counted: 1, limit: 0, excellent_before_quota: 0, excellent: 0 },
      { group: "F5", counted: 0, limit: 0, excellent_before_quota: 0, excellent: 0 },
    ],
  };
}

async function choose(label: string, option: string, within_: HTMLElement = document.body) {
  await userEvent.click(within(within_).getByLabelText(label));
  const options = await screen.findAllByTitle(option);
  await userEvent.click(options.at(-1) as HTMLElement);
}

function rowOf(name: string): HTMLElement {
  const table = screen.getByTestId("what-if-table");
  return within(table).getByDisplayValue(name).closest("tr") as HTMLElement;
}

async function pointsRequests(api: ReturnType<typeof stubApi>): Promise<PointsPreviewRequest[]> {
  const bodies = await Promise.all(
    api.requests(previewPath).map(async (request) => (await request.clone().json()) as AnyBody),
  );
  return bodies.filter((body) => body.members[0]?.frame !== undefined) as PointsPreviewRequest[];
}

/** Opens the what-if and chooses tw-366-2025; resolves once its first request is made. */
async function openPoints(api: ReturnType<typeof stubApi>) {
  renderApp("/what-if");
  await waitFor(() => expect(api.requests(previewPath)).toHaveLength(1));
  await choose("Bộ quy định", "tw-366-2025");
  await waitFor(async () => expect(await pointsRequests(api)).toHaveLength(1), { timeout: 10000 });
}

describe("what-if under a points rule set", () => {
  it("sends the rows in the points shape and shows levels, totals, reasons and quotas", async () => {
    startSession();
    const api = pointsApi(() => json(pointsPreview()));
    await openPoints(api);

    const [body] = await pointsRequests(api);
    expect(body).toMatchObject({
      rule_set: "tw-366-2025",
      reference_date: toApiDay(todayInVietnam()),
      outstanding: false,
    });
    expect(body.members).toHaveLength(5);
    expect(body.members[0]).toEqual({
      id: "1",
      frame: "F3",
      status: "official",
      admitted_on: "2005-03-26",
      exempt: false,
      suspended: false,
      attached: false,
      self_review_submitted: true,
      points: { general: 285, tasks: 650 },
      tasks: { assigned: 12, done: 12, on_time: 12, exceeded: 4 },
      shortcomings: { prior: 1, remedied: 1 },
      facts: [],
      mitigated: [],
      quota_group: null,
      quarters: [],
      vote: null,
    });
    // A collective has no admission date; the names stay in the browser.
    expect(body.members[4]).toMatchObject({
      frame: "F1",
      admitted_on: null,
      facts: ["subordinate_disciplined"],
    });
    expect(JSON.stringify(body)).not.toContain("Nguyễn Văn An");

    // The page speaks of the points rule set; loading a branch stays with the ballot ones.
    expect(screen.getByText(/Quy định 366-QĐ\/TW/)).toBeInTheDocument();
    expect(screen.getByText("Lấy dữ liệu chi bộ").closest("button")).toBeDisabled();
    expect(screen.getByText(/chỉ dùng cho bộ quy tắc bỏ phiếu \(2016\)/)).toBeInTheDocument();

    // The points columns, in points with a decimal comma and dates as dd/mm/yyyy.
    const an = rowOf("Nguyễn Văn An");
    expect(within(an).getByLabelText("Tiêu chí chung")).toHaveValue("28,5");
    expect(within(an).getByLabelText("Kết quả thực hiện nhiệm vụ")).toHaveValue("65");
    expect(within(an).getByDisplayValue("26/03/2005")).toBeInTheDocument();
    expect(within(an).getByLabelText("Vượt yêu cầu")).toHaveValue("4");

    // Each result: the level in words, the total, the reasons in words with their rule id.
    const anResult = await within(an).findByTestId("points-result");
    expect(anResult).toHaveTextContent("Hoàn thành tốt nhiệm vụ");
    expect(anResult).toHaveTextContent("Tổng: 93,5 điểm");
    const s7 = within(anResult).getByText(
      "Vượt tỷ lệ hoàn thành xuất sắc của nhóm: xuống hoàn thành tốt nhiệm vụ",
    );
    expect(anResult).not.toHaveTextContent(/\bS7\b/);
    await userEvent.hover(s7);
    expect(await screen.findByText("Quy tắc S7")).toBeInTheDocument();
    const dung = within(rowOf("Phạm Thị Dung")).getByTestId("points-result");
    expect(dung).toHaveTextContent("Không xếp loại");
    expect(dung).toHaveTextContent("vào Đảng chưa đủ 6 tháng");
    const branch = within(rowOf("Chi bộ Khoa Toán")).getByTestId("points-result");
    expect(branch).toHaveTextContent(
      "Không được xếp hoàn thành xuất sắc do: Có đơn vị trực thuộc hoặc thành viên tập thể lãnh đạo bị kỷ luật trong năm",
    );
    expect(branch).toHaveTextContent("Tập thể: mức theo tổng điểm và điều kiện về nhiệm vụ");

    // The quota per group: G, the limit, the excellent before and after it.
    const quotas = screen.getByTestId("points-quotas");
    const f3 = within(quotas).getByText("F3").closest("tr") as HTMLElement;
    const [group, counted, limit, excellent] = within(f3).getAllByRole("cell");
    expect([group, counted, limit].map((cell) => cell.textContent)).toEqual(["F3", "0", "0"]);
    // One reached excellent by the points; G = 0 leaves none.
    expect(within(excellent).getByText("0")).toBeInTheDocument();
    expect(excellent).toHaveTextContent("1 trước khi áp tỷ lệ");
    expect(screen.getByText(/tối đa 20% của G được hoàn thành xuất sắc/)).toBeInTheDocument();
    // A wide table of inputs, and the lazy route's first load: slow on a busy two-core machine.
  }, 60_000);

  it("sends the points, facts and mitigation as edited, facts limited to the frame", async () => {
    startSession();
    const api = pointsApi(() => json(pointsPreview()));
    await openPoints(api);

    const binh = rowOf("Trần Thị Bình");
    // 26 → 27,5 points: sent as 275 tenths.
    const general = within(binh).getByLabelText("Tiêu chí chung");
    await userEvent.type(general, "27,5", { initialSelectionStart: 0, initialSelectionEnd: 2 });

    // An F4 civil servant: the persons' facts, not the leaders' nor the collectives'.
    await userEvent.click(within(binh).getByLabelText("Trường hợp (S6, C2)"));
    const discipline = await screen.findAllByTitle(
      "Bị kỷ luật từ khiển trách trở lên trong năm do vi phạm khi thực thi công vụ",
    );
    const dropdown = discipline.at(-1)?.closest(".ant-select-dropdown") as HTMLElement;
    expect(within(dropdown).getAllByTitle(/./).map((option) => option.title)).toEqual([
      'Suy thoái về tư tưởng chính trị, đạo đức, lối sống, "tự diễn biến", "tự chuyển hóa"',
      "Bị kỷ luật từ khiển trách trở lên trong năm do vi phạm khi thực thi công vụ",
      "Vi phạm những điều đảng viên không được làm, trách nhiệm nêu gương",
      "Không hoàn thành quá 50% nhiệm vụ được giao",
    ]);
    await userEvent.click(discipline.at(-1) as HTMLElement);
    await userEvent.keyboard("{Escape}");
    // The competent level found it mitigated.
    await choose(
      "Được xem xét giảm nhẹ",
      "Bị kỷ luật từ khiển trách trở lên trong năm do vi phạm khi thực thi công vụ",
      rowOf("Trần Thị Bình"),
    );
    await userEvent.keyboard("{Escape}");
    await userEvent.click(within(rowOf("Trần Thị Bình")).getByLabelText("Đình chỉ sinh hoạt"));

    await waitFor(
      async () => {
        const sent = (await pointsRequests(api)).at(-1);
        expect(sent?.members[1]).toMatchObject({
          points: { general: 275, tasks: 560 },
          facts: ["duty_discipline"],
          mitigated: ["duty_discipline"],
          suspended: true,
        });
      },
      { timeout: 10000 },
    );
  }, 60_000);

  it("sends each row's quota group when filled and shows every group's quota (S7)", async () => {
    startSession();
    const api = pointsApi((body) => {
      const groups = [...new Set(body.members.map((one) => one.quota_group ?? one.frame))];
      return json({
        ...pointsPreview(),
        quotas: groups.sort().map((group) => ({
          group,
          counted: group === "Khoa Toán/F4" ? 2 : 0,
          limit: 0,
          excellent_before_quota: 0,
          excellent: 0,
        })),
      });
    });
    await openPoints(api);

    const group = (name: string) => within(rowOf(name)).getByLabelText("Nhóm tính tỷ lệ");
    // Empty: the frame's group, said in the placeholder.
    expect(group("Trần Thị Bình")).toHaveAttribute("placeholder", "Mặc định: F4");
    await userEvent.type(group("Trần Thị Bình"), " Khoa Toán/F4 ");
    await userEvent.type(group("Lê Văn Cường"), "Khoa Toán/F4");
    await userEvent.type(group("Nguyễn Văn An"), "Ban Thường vụ");

    await waitFor(
      async () => {
        const sent = (await pointsRequests(api)).at(-1);
        expect(sent?.members.map((one) => one.quota_group)).toEqual([
          "Ban Thường vụ",
          "Khoa Toán/F4",
          "Khoa Toán/F4",
          null,
          null,
        ]);
      },
      { timeout: 10000 },
    );

    // One line per group the engine counted apart.
    const quotas = screen.getByTestId("points-quotas");
    await waitFor(() =>
      expect(
        within(quotas)
          .getAllByRole("row")
          .slice(1)
          .map((row) => within(row).getAllByRole("cell")[0].textContent),
      ).toEqual(["Ban Thường vụ", "F1", "F5", "Khoa Toán/F4"]),
    );
    const toan = within(quotas).getByText("Khoa Toán/F4").closest("tr") as HTMLElement;
    expect(within(toan).getAllByRole("cell")[1]).toHaveTextContent("2");
  }, 60_000);

  it("shows an invalid field on its row", async () => {
    startSession();
    const api = pointsApi(() =>
      problem(422, "validation", "Dữ liệu không hợp lệ", [
        {
          field: "members[2].tasks.done",
          code: "over_assigned",
          message: "Số hoàn thành vượt số được giao",
        },
      ]),
    );
    await openPoints(api);

    const cuong = rowOf("Lê Văn Cường");
    expect(
      await within(cuong).findByText("Số hoàn thành vượt số được giao"),
    ).toBeInTheDocument();
    expect(rowOf("Trần Thị Bình")).not.toHaveTextContent("Số hoàn thành vượt");
    expect(screen.queryByTestId("points-quotas")).not.toBeInTheDocument();
  });

  it("sends each person's branch vote when the rule set asks for one (S10)", async () => {
    startSession();
    const api = stubApi({
      "GET /api/v1/auth/me": () => json(meWith("branch_committee", 30, "Chi bộ Khoa Toán")),
      "GET /api/v1/notifications": paged([]),
      "GET /api/v1/rule-sets": () =>
        json([
          { name: "vinh-2016", method: "ballot", points: null },
          { name: "tw-366-2025", method: "points", points: pointsInfo() },
          { name: "tinh-na-2026", method: "points", points: pointsInfo({ branch_vote: true }) },
        ]),
      [previewPath]: async (request) => {
        const body = (await request.clone().json()) as AnyBody;
        if (body.members[0]?.frame === undefined) return json(preview());
        const answer = pointsPreview();
        answer.results = answer.results.map((one) =>
          one.id === "1"
            ? { ...one, reasons: ["S5", "S10-vote"] }
            : one.id === "2"
              ? { ...one, status: "pending", level: null, reasons: ["S10-vote"] }
              : one,
        );
        return json(answer);
      },
    });
    renderApp("/what-if");
    await waitFor(() => expect(api.requests(previewPath)).toHaveLength(1));
    await choose("Bộ quy định", "tinh-na-2026");
    await waitFor(async () => expect(await pointsRequests(api)).toHaveLength(1), { timeout: 10000 });
    expect((await pointsRequests(api))[0].members.map((one) => one.vote)).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);

    // No vote yet: said in words, and the result waits for it.
    const binh = rowOf("Trần Thị Bình");
    expect(within(binh).getByTestId("points-vote")).toHaveTextContent("Để trống: chưa biểu quyết");
    const waiting = await within(binh).findByText(/^Chờ chi bộ biểu quyết/);
    expect(waiting).toHaveAttribute("data-testid", "points-reason");
    expect(within(binh).getByTestId("points-result")).toHaveTextContent("Chưa xếp loại");
    expect(within(rowOf("Nguyễn Văn An")).getByTestId("points-result")).toHaveTextContent(
      "Theo kết quả biểu quyết của chi bộ (mức cao nhất đạt ngưỡng)",
    );
    // A collective is not voted on.
    const toan = rowOf("Chi bộ Khoa Toán");
    expect(toan).toHaveTextContent("Tập thể: chi bộ không biểu quyết");
    expect(within(toan).queryByLabelText("Phiếu hoàn thành tốt")).not.toBeInTheDocument();

    await userEvent.type(within(binh).getByLabelText("Số đảng viên chính thức (mẫu số)"), "9");
    const excellent = within(rowOf("Trần Thị Bình")).getByLabelText("Phiếu hoàn thành xuất sắc");
    await userEvent.clear(excellent);
    await userEvent.type(excellent, "6");
    const good = within(rowOf("Trần Thị Bình")).getByLabelText("Phiếu hoàn thành tốt");
    await userEvent.clear(good);
    await userEvent.type(good, "3");

    await waitFor(
      async () => {
        const sent = (await pointsRequests(api)).at(-1);
        expect(sent?.rule_set).toBe("tinh-na-2026");
        expect(sent?.members.map((one) => one.vote)).toEqual([
          null,
          { counted: 9, excellent: 6, good: 3, completed: 0, not_completed: 0 },
          null,
          null,
          null,
        ]);
      },
      { timeout: 10000 },
    );
  }, 60_000);

  it("shows the vote's error on the row and sends no vote under a rule set without one", async () => {
    startSession();
    const api = stubApi({
      "GET /api/v1/auth/me": () => json(meWith("branch_committee", 30, "Chi bộ Khoa Toán")),
      "GET /api/v1/notifications": paged([]),
      "GET /api/v1/rule-sets": () =>
        json([
          { name: "vinh-2016", method: "ballot", points: null },
          { name: "tw-366-2025", method: "points", points: pointsInfo() },
          { name: "tinh-na-2026", method: "points", points: pointsInfo({ branch_vote: true }) },
        ]),
      [previewPath]: async (request) => {
        const body = (await request.clone().json()) as PointsPreviewRequest;
        if (body.members[0]?.frame === undefined) return json(preview());
        return body.members[1].vote
          ? problem(422, "validation", "Dữ liệu không hợp lệ", [
              {
                field: "members[1].vote",
                code: "over_counted",
                message: "12 phiếu vượt 9 đảng viên chính thức",
              },
            ])
          : json(pointsPreview());
      },
    });
    renderApp("/what-if");
    await waitFor(() => expect(api.requests(previewPath)).toHaveLength(1));
    await choose("Bộ quy định", "tinh-na-2026");
    await waitFor(async () => expect(await pointsRequests(api)).toHaveLength(1), { timeout: 10000 });

    await userEvent.type(
      within(rowOf("Trần Thị Bình")).getByLabelText("Phiếu hoàn thành tốt"),
      "12",
    );
    const counted = within(rowOf("Trần Thị Bình")).getByLabelText(
      "Số đảng viên chính thức (mẫu số)",
    );
    await userEvent.clear(counted);
    await userEvent.type(counted, "9");
    const binh = rowOf("Trần Thị Bình");
    expect(
      // The preview is debounced: under load its answer comes later than findBy's second.
      await within(binh).findByText("12 phiếu vượt 9 đảng viên chính thức", {}, { timeout: 10000 }),
    ).toBeInTheDocument();
    // Shown on D, which the votes are counted on.
    await waitFor(() =>
      expect(
        within(rowOf("Trần Thị Bình"))
          .getByLabelText("Số đảng viên chính thức (mẫu số)")
          .closest('[class*="status-error"]'),
      ).not.toBeNull(),
    );

    // Under a rule set that does not ask for it, no vote is shown nor sent.
    await choose("Bộ quy định", "tw-366-2025");
    await waitFor(
      async () => {
        const sent = (await pointsRequests(api)).at(-1);
        expect(sent?.rule_set).toBe("tw-366-2025");
        expect(sent?.members.map((one) => one.vote)).toEqual([null, null, null, null, null]);
      },
      { timeout: 10000 },
    );
    expect(screen.queryByLabelText("Phiếu hoàn thành tốt")).not.toBeInTheDocument();
  }, 60_000);
});
