import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  counts,
  cycle,
  feedbackRequest,
  member,
  memberPage,
  selfReview,
} from "@/features/cycles/testing/fixtures";
import { json, meWith, problem, startSession, stubApi } from "@/testing/api";
import { renderApp } from "@/testing/render-app";

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
    "GET /api/v1/notifications": () => json([]),
    "GET /api/v1/cycles/9": () => json(cycle),
    "GET /api/v1/cycles/9/progress": () =>
      json({
        cycle_id: 9,
        as_of: "2026-11-20",
        self_reviews_due: "2026-11-09",
        branches: [branchRow],
        bases: [],
        total: counts({ members: 12, self_reviews_accepted: 4, self_reviews_overdue: 2 }),
      }),
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
    // A branch committee does not run the cycle.
    expect(screen.queryByRole("button", { name: /Chuyển sang/ })).not.toBeInTheDocument();
  });

  it("lets the branch committee accept a submitted self-review", async () => {
    startSession();
    const acceptPath = "/api/v1/cycles/9/members/5/self-review/accept";
    const api = cycleApi({
      "GET /api/v1/members": () => memberPage([member(5, "Nguyễn Thị Lan")]),
      "GET /api/v1/cycles/9/self-reviews": () =>
        json([
          {
            member_id: 5,
            member_name: "Nguyễn Thị Lan",
            status: "submitted",
            on_behalf: false,
            version: 2,
          },
        ]),
      "GET /api/v1/cycles/9/professional-ratings": () => json([]),
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
});

/** The board's routes for one member, Lan, whose self-review is not begun. */
const boardRoutes = {
  "GET /api/v1/members": () => memberPage([member(5, "Nguyễn Thị Lan")]),
  "GET /api/v1/cycles/9/self-reviews": () => json([]),
  "GET /api/v1/cycles/9/professional-ratings": () => json([]),
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
      "GET /api/v1/cycles/9/feedback-requests": () =>
        json([
          feedbackRequest({
            source: "residence",
            delivery: "post",
            returned_on: "2026-11-14",
            content: "Chấp hành tốt quy định nơi cư trú",
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
      [`GET ${createPath}`]: () => json([]),
      [`POST ${createPath}`]: () => json(feedbackRequest(), 201),
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
    await userEvent.type(within(dialog).getByLabelText("Mã người dùng góp ý"), "12");
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
      due_on: null,
    });
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
