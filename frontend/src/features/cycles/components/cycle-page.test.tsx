import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  counts,
  cycle,
  feedbackRequest,
  importReport,
  keyCadreMeeting,
  member,
  memberPage,
  planTabRoutes,
  selfReview,
} from "@/features/cycles/testing/fixtures";
import { toApiDay, todayInVietnam } from "@/lib/format";
import { json, meWith, paged, problem, startSession, stubApi } from "@/testing/api";
import { renderApp } from "@/testing/render-app";
import { openSelect } from "@/testing/select";

const branchRow = {
  organization_id: 30,
  name: "Chi bộ Khoa Toán",
  kind: "branch",
  ...counts({
    members: 12,
    self_reviews_accepted: 4,
    self_reviews_submitted: 3,
    self_reviews_missing: 5,
    self_reviews_overdue: 2,
    civil_servants: 10,
    professional_ratings: 6,
    feedback_requested: 8,
    feedback_returned: 5,
  }),
};

function cycleApi(
  extra: Record<string, (r: Request) => Response> = {},
  me = meWith("branch_committee", 30, "Chi bộ Khoa Toán"),
) {
  return stubApi({
    "GET /api/v1/auth/me": () => json(me),
    "GET /api/v1/notifications": paged([]),
    "GET /api/v1/cycles/9": () => json(cycle),
    "GET /api/v1/cycles/9/progress": () =>
      json({
        cycle_id: 9,
        as_of: "2026-11-20",
        self_reviews_due: "2026-11-09",
        branches: [branchRow],
        bases: [],
        districts: [],
        total: counts({ members: 12, self_reviews_accepted: 4, self_reviews_overdue: 2 }),
      }),
    // The plan tab's other sections: empty or refused.
    ...planTabRoutes(),
    ...extra,
  });
}

describe("cycle page", () => {
  it("shows each branch's counts, the overdue in red, and the totals", async () => {
    startSession();
    cycleApi();
    renderApp("/cycles/9");

    const table = await screen.findByTestId("progress-table");
    const row = (await within(table).findByText("Chi bộ Khoa Toán")).closest("tr") as HTMLElement;
    const cells = within(row).getAllByRole("cell").map((cell) => cell.textContent);
    // Name, members, not begun, draft, submitted, returned, accepted, overdue, ratings, feedback.
    expect(cells).toEqual(["Chi bộ Khoa Toán", "12", "5", "0", "3", "0", "4", "2", "6/10", "5/8"]);
    expect(within(row).getByText("2").closest("[data-overdue]")).not.toBeNull();
    const total = within(table).getByText("Tổng cộng").closest("tr") as HTMLElement;
    expect(within(total).getAllByRole("cell")[1]).toHaveTextContent("12");
    expect(screen.getByText("Hạn nộp bản tự kiểm điểm: 09/11/2026", { exact: false })).toBeInTheDocument();
    // The plan's chart: the self-reviews handed in against the phase's deadline.
    const plan = screen.getByTestId("plan-progress");
    expect(within(plan).getByText("Tiến độ so với kế hoạch")).toBeInTheDocument();
    expect(
      within(plan).getByRole("img", {
        name: /^Biểu đồ tiến độ so với kế hoạch\. Nộp bản tự kiểm điểm: 4\/12 \(33%\), hạn 09\/11\/2026, /,
      }),
    ).toBeInTheDocument();
    // …and its figures in the table beside it.
    const selfReviews = within(within(plan).getByTestId("plan-progress-table"))
      .getByText("Nộp bản tự kiểm điểm")
      .closest("tr") as HTMLElement;
    expect(selfReviews).toHaveTextContent("4/12 (33%)");
    expect(selfReviews).toHaveTextContent("Hạn 09/11/2026");
    // A branch committee does not run the cycle.
    expect(screen.queryByRole("button", { name: /Chuyển sang/ })).not.toBeInTheDocument();
  });

  it("lets the branch committee accept a submitted self-review", async () => {
    startSession();
    const acceptPath = "/api/v1/cycles/9/members/5/self-review/accept";
    const api = cycleApi({
      "GET /api/v1/members": () => memberPage([member(5, "Nguyễn Thị Lan")]),
      "GET /api/v1/cycles/9/self-reviews": paged([
        {
          member_id: 5,
          member_name: "Nguyễn Thị Lan",
          status: "submitted",
          on_behalf: false,
          version: 2,
        },
      ]),
      "GET /api/v1/cycles/9/professional-ratings": paged([]),
      "GET /api/v1/cycles/9/members/5/self-review": () =>
        json(
          selfReview({
            status: "submitted",
            version: 2,
            content: { political_ideology: "Kiên định", self_assessed_level: "good" },
          }),
        ),
      [`POST ${acceptPath}`]: () => json(selfReview({ status: "accepted", version: 2 })),
    });
    renderApp("/cycles/9");

    await userEvent.click(await screen.findByRole("tab", { name: "Chi bộ" }));
    const board = await screen.findByTestId("branch-board");
    const row = (await within(board).findByText("Nguyễn Thị Lan")).closest("tr") as HTMLElement;
    expect(await within(row).findByText("Đã nộp")).toBeInTheDocument();
    await userEvent.click(within(row).getByText("Xem"));

    const status = await screen.findByTestId("drawer-status");
    const drawer = status.closest(".ant-drawer") as HTMLElement;
    expect(await within(drawer).findByText("Kiên định")).toBeInTheDocument();
    await userEvent.click(within(drawer).getByText("Chấp nhận"));

    await waitFor(() => expect(api.requests(`POST ${acceptPath}`)).toHaveLength(1));
    // The branch's members are asked for by the branch.
    const [list] = api.requests("GET /api/v1/members");
    expect(new URL(list.url).searchParams.get("organization_id")).toBe("30");
  });

  it("reads the branch whole on the board, and says so when it holds more than a page", async () => {
    startSession();
    const api = cycleApi({
      "GET /api/v1/members": () => memberPage([member(5, "Nguyễn Thị Lan")]),
      // The server's first 500 of the branch's 612 self-reviews (one shown here for brevity).
      "GET /api/v1/cycles/9/self-reviews": () =>
        json({
          items: [
            {
              member_id: 5,
              member_name: "Nguyễn Thị Lan",
              status: "submitted",
              on_behalf: false,
              version: 2,
            },
          ],
          total: 612,
          page: 1,
          per_page: 500,
        }),
      "GET /api/v1/cycles/9/professional-ratings": paged([]),
    });
    renderApp("/cycles/9");

    await userEvent.click(await screen.findByRole("tab", { name: "Chi bộ" }));
    const board = await screen.findByTestId("branch-board");
    const row = (await within(board).findByText("Nguyễn Thị Lan")).closest("tr") as HTMLElement;
    expect(await within(row).findByText("Đã nộp")).toBeInTheDocument();
    expect(await screen.findByTestId("list-truncated")).toHaveTextContent(
      "Chỉ hiển thị 1 trong tổng số 612 mục",
    );
    // Each list is asked for narrowed to the branch, on one page of the most the API gives
    // (the member list's own bound is 200; the cycle's lists', 500).
    for (const [route, most] of [
      ["GET /api/v1/members", "200"],
      ["GET /api/v1/cycles/9/self-reviews", "500"],
      ["GET /api/v1/cycles/9/professional-ratings", "500"],
    ]) {
      const [asked] = api.requests(route);
      expect(new URL(asked.url).searchParams.get("organization_id"), route).toBe("30");
      expect(new URL(asked.url).searchParams.get("per_page"), route).toBe(most);
    }
  });

  it("shows no such warning when the branch fits on a page", async () => {
    startSession();
    cycleApi({
      "GET /api/v1/members": () => memberPage([member(5, "Nguyễn Thị Lan")]),
      "GET /api/v1/cycles/9/self-reviews": paged([]),
      "GET /api/v1/cycles/9/professional-ratings": paged([]),
    });
    renderApp("/cycles/9");

    await userEvent.click(await screen.findByRole("tab", { name: "Chi bộ" }));
    const board = await screen.findByTestId("branch-board");
    expect(await within(board).findByText("Nguyễn Thị Lan")).toBeInTheDocument();
    expect(screen.queryByTestId("list-truncated")).not.toBeInTheDocument();
  });
});

/** The board's routes for one member, Lan, whose self-review is not begun. */
const unionProvider = {
  user_id: 12,
  display_name: "Công đoàn trường",
  organizations: ["Đảng bộ Trường ĐH Kinh tế"],
};
const youthProvider = { user_id: 13, display_name: "Đoàn Thanh niên", organizations: [] };

const boardRoutes = {
  "GET /api/v1/members": () => memberPage([member(5, "Nguyễn Thị Lan")]),
  "GET /api/v1/cycles/9/self-reviews": paged([]),
  "GET /api/v1/cycles/9/professional-ratings": paged([]),
  "GET /api/v1/cycles/9/members/5/self-review": () => json(selfReview()),
};

async function openFeedbackOfLan(): Promise<HTMLElement> {
  await userEvent.click(await screen.findByRole("tab", { name: "Chi bộ" }));
  const board = await screen.findByTestId("branch-board");
  const row = (await within(board).findByText("Nguyễn Thị Lan")).closest("tr") as HTMLElement;
  await userEvent.click(within(row).getByText("Xem"));
  const drawer = (await screen.findByTestId("drawer-status")).closest(".ant-drawer") as HTMLElement;
  await userEvent.click(within(drawer).getByRole("tab", { name: "Lấy ý kiến" }));
  return drawer;
}

describe("feedback on the branch board", () => {
  it("lists the member's requests and shows the saved opinion in its form", async () => {
    startSession();
    cycleApi({
      ...boardRoutes,
      "GET /api/v1/cycles/9/feedback-requests": paged([
        feedbackRequest({
          source: "residence",
          delivery: "post",
          returned_on: "2026-11-14",
          content: "Chấp hành tốt quy định nơi cư trú",
          late: true,
          return_envelope: true,
        }),
        feedbackRequest({ id: 43, member_id: 6, member_name: "Lê Văn Hùng" }),
      ]),
      "GET /api/v1/cycles/9/members/5/opinion": () =>
        json({
          member_id: 5,
          content: "Đủ tư cách, hoàn thành tốt",
          proposed_level: "good",
          written_by: "Bí thư chi bộ",
          updated_at: "2026-11-15T02:00:00Z",
        }),
    });
    renderApp("/cycles/9");

    const drawer = await openFeedbackOfLan();
    const requests = await within(drawer).findByTestId("member-feedback");
    expect(await within(requests).findByText("Nơi cư trú")).toBeInTheDocument();
    expect(requests).toHaveTextContent("Đã trả lời 14/11/2026");
    expect(within(requests).getByText("Tải thư đề nghị")).toBeInTheDocument();
    expect(within(requests).getByText("Trả muộn")).toBeInTheDocument();
    expect(within(requests).getByText("Có phong bì dán tem")).toBeInTheDocument();
    // Another member's request is not Lan's.
    expect(within(requests).getAllByRole("row")).toHaveLength(2);

    const opinion = await within(drawer).findByLabelText("Ý kiến");
    expect(opinion).toHaveValue("Đủ tư cách, hoàn thành tốt");
    expect(within(drawer).getByTitle("Hoàn thành tốt nhiệm vụ")).toBeInTheDocument();
    expect(within(drawer).getByTestId("opinion-written-by")).toHaveTextContent("Bí thư chi bộ");
  });

  it("starts an empty opinion when none is saved, and requests feedback", async () => {
    startSession();
    const createPath = "/api/v1/cycles/9/feedback-requests";
    const api = cycleApi({
      ...boardRoutes,
      [`GET ${createPath}`]: paged([]),
      [`POST ${createPath}`]: () => json(feedbackRequest(), 201),
      "GET /api/v1/cycles/9/feedback-providers": (request: Request) =>
        json(
          new URL(request.url).searchParams.get("q") === "cong doan"
            ? [unionProvider]
            : [unionProvider, youthProvider],
        ),
      "GET /api/v1/cycles/9/members/5/opinion": () =>
        problem(404, "not_found", "Không tìm thấy"),
    });
    renderApp("/cycles/9");

    const drawer = await openFeedbackOfLan();
    expect(await within(drawer).findByLabelText("Ý kiến")).toHaveValue("");
    expect(within(drawer).queryByRole("alert")).not.toBeInTheDocument();

    await userEvent.click(within(drawer).getByRole("button", { name: /Gửi yêu cầu lấy ý kiến/ }));
    // Over the drawer, a modal is found by its title (antd gives both the same test id).
    const dialog = (
      await screen.findByText("Lấy ý kiến về đảng viên Nguyễn Thị Lan")
    ).closest(".ant-modal") as HTMLElement;
    await userEvent.type(within(dialog).getByLabelText("Cụm quần chúng"), "Cụm Công đoàn");
    // The provider is found by name, without diacritics (issue #17), never by a user id.
    const picker = within(dialog).getByLabelText("Người góp ý trên hệ thống");
    await openSelect(picker);
    await userEvent.type(picker, "cong doan");
    await userEvent.click(await screen.findByTitle("Công đoàn trường — Đảng bộ Trường ĐH Kinh tế"));
    await userEvent.click(within(dialog).getByRole("button", { name: "Gửi yêu cầu lấy ý kiến" }));

    await waitFor(() => expect(api.requests(`POST ${createPath}`)).toHaveLength(1));
    const body = (await api.requests(`POST ${createPath}`)[0].json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      member_id: 5,
      source: "workplace",
      provider_user_id: 12,
      cluster: "Cụm Công đoàn",
      led_by: null,
      delivery: null,
      return_envelope: false,
      due_on: null,
    });
  });

  it("encloses a stamped return envelope only with a letter sent by post", async () => {
    startSession();
    const createPath = "/api/v1/cycles/9/feedback-requests";
    const api = cycleApi({
      ...boardRoutes,
      [`GET ${createPath}`]: paged([]),
      [`POST ${createPath}`]: () => json(feedbackRequest(), 201),
      "GET /api/v1/cycles/9/members/5/opinion": () =>
        problem(404, "not_found", "Không tìm thấy"),
    });
    renderApp("/cycles/9");

    const drawer = await openFeedbackOfLan();
    await userEvent.click(
      await within(drawer).findByRole("button", { name: /Gửi yêu cầu lấy ý kiến/ }),
    );
    const dialog = (
      await screen.findByText("Lấy ý kiến về đảng viên Nguyễn Thị Lan")
    ).closest(".ant-modal") as HTMLElement;
    const source = within(dialog).getByLabelText("Nguồn lấy ý kiến");
    await userEvent.click(within(await openSelect(source)).getByTitle("Nơi cư trú"));
    const envelope = await within(dialog).findByLabelText("Kèm phong bì dán tem trả lời");
    expect(envelope).toBeDisabled();
    const delivery = within(dialog).getByLabelText("Cách gửi phiếu");
    await userEvent.click(within(await openSelect(delivery)).getByTitle("Gửi qua bưu điện"));
    await waitFor(() => expect(envelope).toBeEnabled());
    await userEvent.click(envelope);
    await userEvent.click(within(dialog).getByRole("button", { name: "Gửi yêu cầu lấy ý kiến" }));

    await waitFor(() => expect(api.requests(`POST ${createPath}`)).toHaveLength(1));
    expect(await api.requests(`POST ${createPath}`)[0].json()).toMatchObject({
      source: "residence",
      delivery: "post",
      return_envelope: true,
    });
  });
});

describe("feedback on the whole branch (issue #17)", () => {
  it("asks every member in one step, names those skipped and prints the letters", async () => {
    startSession();
    const batchPath = "/api/v1/cycles/9/feedback-requests/batch";
    const api = cycleApi({
      ...boardRoutes,
      "GET /api/v1/cycles/9/feedback-providers": (request: Request) =>
        json(
          new URL(request.url).searchParams.get("q") === "cong doan"
            ? [unionProvider]
            : [unionProvider, youthProvider],
        ),
      [`POST ${batchPath}`]: () =>
        json(
          {
            created: [
              feedbackRequest({ id: 1, member_id: 5, source: "residence" }),
              feedbackRequest({ id: 2, member_id: 6, source: "residence" }),
            ],
            skipped: [{ member_id: 7, member_name: "Trần Văn Bình", reason: "already_requested" }],
          },
          201,
        ),
      "GET /api/v1/cycles/9/feedback-requests/letters": () =>
        new Response(new Blob(["%PDF-1.7"]), {
          headers: { "content-type": "application/pdf" },
        }),
    });
    renderApp("/cycles/9");
    await userEvent.click(await screen.findByRole("tab", { name: "Chi bộ" }));
    await userEvent.click(await screen.findByRole("button", { name: /Lấy ý kiến cả chi bộ/ }));
    const dialog = await screen.findByRole("dialog");
    const source = within(dialog).getByLabelText("Nguồn lấy ý kiến");
    await userEvent.click(within(await openSelect(source)).getByTitle("Nơi cư trú"));
    const delivery = await within(dialog).findByLabelText("Cách gửi phiếu");
    await userEvent.click(within(await openSelect(delivery)).getByTitle("Gửi qua bưu điện"));
    const picker = within(dialog).getByLabelText("Người góp ý trên hệ thống");
    await openSelect(picker);
    await userEvent.click(await screen.findByTitle("Đoàn Thanh niên"));
    await userEvent.click(within(dialog).getByRole("button", { name: "Gửi cho cả chi bộ" }));

    await waitFor(() => expect(api.requests(`POST ${batchPath}`)).toHaveLength(1));
    expect(await api.requests(`POST ${batchPath}`)[0].json()).toMatchObject({
      organization_id: 30,
      source: "residence",
      delivery: "post",
      provider_user_id: 13,
    });
    expect(
      await screen.findByText("Đã gửi yêu cầu lấy ý kiến (Nơi cư trú) về 2 đảng viên"),
    ).toBeInTheDocument();
    expect(
      screen.getByText("1 đảng viên đã có yêu cầu nên không gửi lại: Trần Văn Bình"),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: /In các phiếu xin ý kiến/ }));
    await waitFor(() =>
      expect(api.requests("GET /api/v1/cycles/9/feedback-requests/letters")).toHaveLength(1),
    );
    const url = new URL(api.requests("GET /api/v1/cycles/9/feedback-requests/letters")[0].url);
    expect(url.searchParams.get("organization_id")).toBe("30");
    expect(url.searchParams.get("delivery")).toBe("post");
  });
});

describe("plan editing", () => {
  it("lets a committee change a phase and shows an invalid date under its field", async () => {
    startSession();
    const phasePath = "/api/v1/cycles/9/phases/1";
    let attempts = 0;
    const api = cycleApi(
      {
        [`PATCH ${phasePath}`]: () => {
          attempts += 1;
          return attempts === 1
            ? problem(422, "validation", "Dữ liệu không hợp lệ", [
                {
                  field: "ends_on",
                  code: "before_start",
                  message: "Ngày kết thúc phải sau ngày bắt đầu",
                },
              ])
            : json({ ...cycle, phases: [{ ...cycle.phases[0], lead: "Chi ủy" }] });
        },
      },
      meWith("committee", 20, "Đảng bộ Trường Đại học Sư phạm"),
    );
    renderApp("/cycles/9");

    await userEvent.click(await screen.findByRole("tab", { name: "Kế hoạch" }));
    const phase = await screen.findByTestId("phase-self_reviews");
    await userEvent.click(within(phase).getByRole("button", { name: /Sửa/ }));
    const dialog = await screen.findByRole("dialog", { name: /Sửa bước/ });
    const lead = within(dialog).getByLabelText("Chủ trì");
    expect(lead).toHaveValue("Đảng viên");
    await userEvent.clear(lead);
    await userEvent.type(lead, "Chi ủy");
    await userEvent.click(within(dialog).getByRole("button", { name: "Lưu" }));

    const invalid = await within(dialog).findByText("Ngày kết thúc phải sau ngày bắt đầu");
    expect(invalid).toBeInTheDocument();
    const body = (await api.requests(`PATCH ${phasePath}`)[0].json()) as Record<string, unknown>;
    expect(body).toEqual({
      starts_on: "2026-11-01",
      ends_on: "2026-11-09",
      task: "Đảng viên viết bản tự kiểm điểm",
      lead: "Chi ủy",
      recipient: "Chi ủy",
    });

    // Saved: the modal closes and the cycle is asked for again.
    const before = api.requests("GET /api/v1/cycles/9").length;
    await userEvent.click(within(dialog).getByRole("button", { name: "Lưu" }));
    await waitFor(() =>
      expect(screen.queryByRole("dialog", { name: /Sửa bước/ })).not.toBeInTheDocument(),
    );
    await waitFor(() =>
      expect(api.requests("GET /api/v1/cycles/9").length).toBeGreaterThan(before),
    );
  });
});

describe("professional ratings import", () => {
  it("checks the file, and shows the rows a refused import lists", async () => {
    startSession();
    const importPath = "POST /api/v1/cycles/9/professional-ratings/import";
    const api = cycleApi({
      ...boardRoutes,
      [importPath]: (request) =>
        new URL(request.url).searchParams.get("dry_run") === "true"
          ? json(importReport({ created: 2 }))
          : new Response(
              JSON.stringify({
                type: "urn:kiemdiem:problem:import_invalid",
                title: "Problem",
                status: 422,
                detail: "Tệp có dòng không hợp lệ: chưa dòng nào được ghi",
                code: "import_invalid",
                rows: [
                  { row: 3, column: "Xếp loại CBCCVC", message: "'HTXX' không phải mức xếp loại" },
                ],
              }),
              { status: 422, headers: { "content-type": "application/problem+json" } },
            ),
    });
    renderApp("/cycles/9");

    await userEvent.click(await screen.findByRole("tab", { name: "Chi bộ" }));
    await userEvent.click(await screen.findByRole("button", { name: /Nhập xếp loại CBCCVC/ }));
    const modal = await screen.findByTestId("rating-import");
    const dialog = modal.closest(".ant-modal") as HTMLElement;
    const file = new File(["Số thẻ đảng viên,Xếp loại CBCCVC\n34.050000,HTXS\n"], "xep-loai.csv", {
      type: "text/csv",
    });
    await userEvent.upload(modal.querySelector('input[type="file"]') as HTMLInputElement, file);
    await userEvent.click(within(dialog).getByRole("button", { name: "Kiểm tra" }));

    const report = await within(dialog).findByTestId("import-report");
    expect(report).toHaveTextContent("Sẽ thêm2");
    await userEvent.click(within(dialog).getByRole("button", { name: "Nhập" }));

    expect(
      await within(dialog).findByText("Tệp có dòng không hợp lệ: chưa dòng nào được ghi"),
    ).toBeInTheDocument();
    const errors = within(dialog).getByRole("table");
    const cells = within(errors).getAllByRole("cell").map((cell) => cell.textContent);
    expect(cells).toEqual(["3", "Xếp loại CBCCVC", "'HTXX' không phải mức xếp loại"]);
    const sent = api.requests(importPath);
    expect(sent.map((request) => new URL(request.url).searchParams.get("dry_run"))).toEqual([
      "true",
      "false",
    ]);
    expect(sent[1].headers.get("Content-Type")).toBe("text/csv");
    expect(sent[1].headers.get("Authorization")).toBe("Bearer access-1");
  });
});

describe("progress by district", () => {
  it("shows each district's counts when the cycle spans districts", async () => {
    startSession();
    cycleApi(
      {
        "GET /api/v1/cycles/9/progress": () =>
          json({
            cycle_id: 9,
            as_of: "2026-11-20",
            branches: [],
            bases: [],
            districts: [
              {
                organization_id: 3,
                name: "Thành ủy Vinh",
                kind: "district",
                ...counts({ members: 120, self_reviews_accepted: 80 }),
              },
            ],
            total: counts({ members: 120, self_reviews_accepted: 80 }),
          }),
      },
      meWith("committee", 1, "Tỉnh ủy Nghệ An"),
    );
    renderApp("/cycles/9");

    const table = await screen.findByTestId("progress-districts");
    const row = within(table).getByText("Thành ủy Vinh").closest("tr") as HTMLElement;
    expect(within(row).getAllByRole("cell")[1]).toHaveTextContent("120");
    expect(within(row).getAllByRole("cell")[6]).toHaveTextContent("80");
  });
});

describe("key-cadre meetings", () => {
  const meetingsPath = "/api/v1/cycles/9/key-cadre-meetings";
  const committee = meWith("committee", 20, "Đảng bộ Trường Đại học Sư phạm");

  it("lists the meetings with the votes and the proposed level, and deletes one", async () => {
    startSession();
    const api = cycleApi(
      {
        [`GET ${meetingsPath}`]: () =>
          json([keyCadreMeeting({ attendee_names: ["Nguyễn Văn An", "Lê Thị Cúc"] })]),
        [`DELETE ${meetingsPath}/71`]: () => new Response(null, { status: 204 }),
      },
      committee,
    );
    renderApp("/cycles/9");

    await userEvent.click(await screen.findByRole("tab", { name: "Hội nghị cán bộ chủ chốt" }));
    const meeting = await screen.findByTestId("key-cadre-meeting-71");
    expect(meeting).toHaveTextContent("Hội nghị ngày 10/11/2026");
    expect(meeting).toHaveTextContent("Nguyễn Văn An, Lê Thị Cúc");
    expect(meeting).toHaveTextContent("Đồng chí Bí thư Đảng ủy");
    expect(meeting).toHaveTextContent("Tập thể lãnh đạo đoàn kết, thống nhất");
    const lan = within(meeting).getByText("Nguyễn Thị Lan").closest("tr") as HTMLElement;
    expect(within(lan).getAllByRole("cell").map((cell) => cell.textContent)).toEqual([
      "Nguyễn Thị Lan",
      "Gương mẫu, quyết liệt",
      "18",
      "6",
      "1",
      "0",
      "Hoàn thành xuất sắc nhiệm vụ",
    ]);

    await userEvent.click(within(meeting).getByRole("button", { name: /Xóa/ }));
    const box = await screen.findByRole("dialog", {
      name: "Xóa hội nghị cán bộ chủ chốt ngày 10/11/2026?",
    });
    await userEvent.click(within(box).getByRole("button", { name: "Xóa" }));
    await waitFor(() => expect(api.requests(`DELETE ${meetingsPath}/71`)).toHaveLength(1));
  });

  it("is not shown to a branch committee", async () => {
    startSession();
    cycleApi();
    renderApp("/cycles/9");

    await screen.findByRole("tab", { name: "Chi bộ" });
    expect(screen.queryByRole("tab", { name: "Hội nghị cán bộ chủ chốt" })).not.toBeInTheDocument();
  });

  it("posts a meeting and shows an invalid field under it", async () => {
    startSession();
    const api = cycleApi(
      {
        [`GET ${meetingsPath}`]: () => json([]),
        "GET /api/v1/members": () => memberPage([member(5, "Nguyễn Thị Lan")]),
        [`POST ${meetingsPath}`]: () =>
          problem(422, "validation", "Dữ liệu không hợp lệ", [
            {
              field: "assessments[0].votes",
              code: "too_many_votes",
              message: "Tổng số phiếu vượt số cán bộ chủ chốt dự",
            },
          ]),
      },
      committee,
    );
    renderApp("/cycles/9");

    await userEvent.click(await screen.findByRole("tab", { name: "Hội nghị cán bộ chủ chốt" }));
    expect(await screen.findByText("Chưa ghi hội nghị cán bộ chủ chốt nào")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: /Ghi hội nghị cán bộ chủ chốt/ }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.type(within(dialog).getByLabelText("Chủ trì"), "Bí thư Đảng ủy");
    await userEvent.type(within(dialog).getByLabelText("Số cán bộ chủ chốt dự"), "20");
    await userEvent.click(within(dialog).getByLabelText("Kiểm điểm Ban Giám hiệu, Đảng ủy (II.3)"));
    await userEvent.type(
      within(dialog).getByLabelText("Danh sách người dự"),
      "Nguyễn Văn An{enter}Lê Thị Cúc{enter}",
    );
    await userEvent.click(within(dialog).getByLabelText("Đồng chí"));
    const options = await screen.findAllByTitle("Nguyễn Thị Lan — Chi bộ Khoa Toán");
    await userEvent.click(options.at(-1) as HTMLElement);
    await userEvent.type(within(dialog).getByLabelText("Ý kiến"), "Quyết liệt");
    await userEvent.type(within(dialog).getByLabelText("HTXS"), "15");
    await userEvent.type(within(dialog).getByLabelText("HTT"), "9");
    await userEvent.click(within(dialog).getByRole("button", { name: "Lưu" }));

    expect(
      await within(dialog).findByText("Tổng số phiếu vượt số cán bộ chủ chốt dự"),
    ).toBeInTheDocument();
    const [request] = api.requests(`POST ${meetingsPath}`);
    expect(await request.json()).toEqual({
      held_on: toApiDay(todayInVietnam()),
      chaired_by: "Bí thư Đảng ủy",
      attendees: 20,
      kind: "leaders_review",
      attendee_names: ["Nguyễn Văn An", "Lê Thị Cúc"],
      collective_opinion: null,
      assessments: [
        {
          member_id: 5,
          opinion: "Quyết liệt",
          votes: { excellent: 15, good: 9, completed: 0, not_completed: 0 },
          proposed_level: null,
        },
      ],
    });
  });

  it("shows why a closed phase refuses a meeting", async () => {
    startSession();
    cycleApi(
      {
        [`GET ${meetingsPath}`]: () => json([]),
        "GET /api/v1/members": () => memberPage([member(5, "Nguyễn Thị Lan")]),
        [`POST ${meetingsPath}`]: () =>
          problem(409, "phase_closed", "Bước hội nghị cán bộ chủ chốt đã đóng"),
      },
      committee,
    );
    renderApp("/cycles/9");

    await userEvent.click(await screen.findByRole("tab", { name: "Hội nghị cán bộ chủ chốt" }));
    await userEvent.click(await screen.findByRole("button", { name: /Ghi hội nghị cán bộ chủ chốt/ }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.type(within(dialog).getByLabelText("Chủ trì"), "Bí thư Đảng ủy");
    await userEvent.type(within(dialog).getByLabelText("Số cán bộ chủ chốt dự"), "20");
    await userEvent.click(within(dialog).getByLabelText("Đồng chí"));
    const options = await screen.findAllByTitle("Nguyễn Thị Lan — Chi bộ Khoa Toán");
    await userEvent.click(options.at(-1) as HTMLElement);
    await userEvent.type(within(dialog).getByLabelText("Ý kiến"), "Quyết liệt");
    await userEvent.click(within(dialog).getByRole("button", { name: "Lưu" }));

    expect(await within(dialog).findByRole("alert")).toHaveTextContent(
      "Bước hội nghị cán bộ chủ chốt đã đóng",
    );
  });
});
