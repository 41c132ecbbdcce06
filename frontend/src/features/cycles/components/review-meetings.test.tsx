import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { ReviewMeeting } from "@/features/cycles/api/review-meetings";
import { counts, cycle, planTabRoutes } from "@/features/cycles/testing/fixtures";
import { json, meWith, paged, problem, startSession, stubApi } from "@/testing/api";
import { renderApp } from "@/testing/render-app";

const meetingsPath = "/api/v1/cycles/9/review-meetings";
const committee = meWith("committee", 20, "Đảng bộ Trường Đại học Sư phạm");

function meeting(overrides: Partial<ReviewMeeting> = {}): ReviewMeeting {
  return {
    id: 51,
    cycle_id: 9,
    subject: "Kiểm điểm tập thể Ban Thường vụ Đảng ủy",
    held_at: "2026-12-10T08:00:00",
    place: "Hội trường A",
    invited: [
      { name: "Đồng chí Nguyễn Văn B", body: "Ban Thường vụ Thành ủy" },
      { name: "Đồng chí Lê Thị C", body: "Ủy ban Kiểm tra Thành ủy" },
    ],
    notified_at: null,
    notified_by: null,
    version: 2,
    updated_by: "Nguyễn Văn An",
    updated_at: "2026-11-20T01:30:00Z",
    ...overrides,
  };
}

type Handler = (request: Request) => Response | Promise<Response>;

function meetingsApi(me: typeof committee, extra: Record<string, Handler>) {
  return stubApi({
    "GET /api/v1/auth/me": () => json(me),
    "GET /api/v1/notifications": paged([]),
    "GET /api/v1/cycles/9": () => json(cycle),
    "GET /api/v1/cycles/9/progress": () =>
      json({
        cycle_id: 9,
        as_of: "2026-11-20",
        self_reviews_due: "2026-11-09",
        branches: [],
        bases: [],
        districts: [],
        total: counts({ members: 0 }),
      }),
    // The plan tab's other sections: empty or refused.
    ...planTabRoutes(),
    ...extra,
  });
}

async function openTab() {
  renderApp("/cycles/9");
  await userEvent.click(await screen.findByRole("tab", { name: "Kế hoạch" }));
  return screen.findByTestId("review-meetings");
}

/** The button `label` of a table row (by its text: role queries in antd tables are slow). */
function rowButton(row: HTMLElement, label: string): HTMLElement {
  return within(row).getByText(label).closest("button") as HTMLElement;
}

async function meetingRow(subject: string): Promise<HTMLElement> {
  return (await screen.findByText(subject)).closest("tr") as HTMLElement;
}

describe("review meetings (C.4)", () => {
  it("lists each meeting's time, place, invitees and whether the superior was notified", async () => {
    startSession();
    meetingsApi(committee, {
      [`GET ${meetingsPath}`]: () =>
        json([
          meeting(),
          meeting({
            id: 52,
            subject: "Kiểm điểm tập thể Đảng ủy",
            held_at: "2026-12-12T14:30:00",
            place: "Phòng họp tầng 2",
            notified_at: "2026-12-05T02:00:00Z",
            notified_by: "Nguyễn Văn An",
          }),
        ]),
    });
    const section = await openTab();

    expect(
      screen.getByText("Hội nghị kiểm điểm và đại biểu cấp trên (C.4)"),
    ).toBeInTheDocument();
    const row = await meetingRow("Kiểm điểm tập thể Ban Thường vụ Đảng ủy");
    const cells = within(row).getAllByRole("cell");
    expect(cells[0]).toHaveTextContent("10/12/2026 08:00");
    expect(cells[2]).toHaveTextContent("Hội trường A");
    expect(cells[3]).toHaveTextContent("Đồng chí Nguyễn Văn B — Ban Thường vụ Thành ủy");
    expect(cells[3]).toHaveTextContent("Đồng chí Lê Thị C — Ủy ban Kiểm tra Thành ủy");
    expect(within(cells[4]).getByText("Chưa báo cáo cấp trên")).toBeInTheDocument();

    const notified = await meetingRow("Kiểm điểm tập thể Đảng ủy");
    expect(within(notified).getAllByRole("cell")[0]).toHaveTextContent("12/12/2026 14:30");
    expect(within(notified).getByText("Đã báo cáo cấp trên 05/12/2026")).toBeInTheDocument();
    expect(within(notified).queryByText("Báo cáo cấp trên")).not.toBeInTheDocument();
    expect(within(section).getByText("Lên lịch hội nghị")).toBeInTheDocument();
  });

  it("schedules a meeting with version 0, and shows an invitee's error under that row's field", async () => {
    startSession();
    let attempts = 0;
    const api = meetingsApi(committee, {
      [`GET ${meetingsPath}`]: () => json([]),
      [`POST ${meetingsPath}`]: () => {
        attempts += 1;
        return attempts === 1
          ? problem(422, "validation", "Dữ liệu không hợp lệ", [
              {
                field: "invited[1].body",
                code: "required",
                message: "Cần ghi cơ quan của đại biểu",
              },
            ])
          : json(meeting({ id: 53, version: 1 }), 201);
      },
    });
    await openTab();

    expect(await screen.findByText("Chưa lên lịch hội nghị kiểm điểm nào")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: /Lên lịch hội nghị/ }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.type(
      within(dialog).getByLabelText("Nội dung hội nghị"),
      "Kiểm điểm tập thể Đảng ủy",
    );
    const time = within(dialog).getByLabelText("Thời gian");
    await userEvent.click(time);
    await userEvent.type(time, "10/12/2026 08:00");
    await userEvent.tab();
    await userEvent.type(within(dialog).getByLabelText("Địa điểm"), "Hội trường A");
    await userEvent.type(
      within(dialog).getByLabelText("Họ và tên đại biểu 1"),
      "Đồng chí Nguyễn Văn B",
    );
    await userEvent.type(
      within(dialog).getByLabelText("Cơ quan của đại biểu 1"),
      "Ban Thường vụ Thành ủy",
    );
    await userEvent.click(within(dialog).getByRole("button", { name: /Thêm đại biểu/ }));
    await userEvent.type(
      within(dialog).getByLabelText("Họ và tên đại biểu 2"),
      "Đồng chí Lê Thị C",
    );
    await userEvent.type(within(dialog).getByLabelText("Cơ quan của đại biểu 2"), "UBKT");
    await userEvent.click(within(dialog).getByRole("button", { name: "Lưu" }));

    // The error shows under the second invitee's body, not the first's.
    const invalid = await within(dialog).findByText("Cần ghi cơ quan của đại biểu");
    expect(invalid.closest(".ant-form-item")).toContainElement(
      within(dialog).getByLabelText("Cơ quan của đại biểu 2"),
    );
    const [request] = api.requests(`POST ${meetingsPath}`);
    expect(await request.json()).toEqual({
      version: 0,
      subject: "Kiểm điểm tập thể Đảng ủy",
      held_at: "2026-12-10T08:00:00",
      place: "Hội trường A",
      invited: [
        { name: "Đồng chí Nguyễn Văn B", body: "Ban Thường vụ Thành ủy" },
        { name: "Đồng chí Lê Thị C", body: "UBKT" },
      ],
    });

    await userEvent.click(within(dialog).getByRole("button", { name: "Lưu" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(api.requests(`POST ${meetingsPath}`)).toHaveLength(2);
  });

  it("warns that moving a notified meeting needs a new notice, and asks to reload on 412", async () => {
    startSession();
    const api = meetingsApi(committee, {
      [`GET ${meetingsPath}`]: () =>
        json([meeting({ notified_at: "2026-12-05T02:00:00Z", notified_by: "Nguyễn Văn An" })]),
      [`PUT ${meetingsPath}/51`]: () =>
        problem(412, "stale", "Hội nghị đã được sửa từ lần đọc trước"),
    });
    await openTab();

    const row = await meetingRow("Kiểm điểm tập thể Ban Thường vụ Đảng ủy");
    fireEvent.click(rowButton(row, "Sửa"));
    const dialog = await screen.findByRole("dialog", { name: "Sửa hội nghị kiểm điểm" });
    expect(within(dialog).getByLabelText("Thời gian")).toHaveValue("10/12/2026 08:00");
    expect(
      within(dialog).queryByText("Đã đổi thời gian/địa điểm: cần báo cáo lại cấp trên"),
    ).not.toBeInTheDocument();
    const place = within(dialog).getByLabelText("Địa điểm");
    await userEvent.clear(place);
    await userEvent.type(place, "Phòng họp tầng 2");
    expect(
      await within(dialog).findByText("Đã đổi thời gian/địa điểm: cần báo cáo lại cấp trên"),
    ).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole("button", { name: "Lưu" }));

    expect(
      await within(dialog).findByText(
        "Hội nghị vừa được người khác sửa; hãy tải lại rồi cập nhật",
      ),
    ).toBeInTheDocument();
    const [request] = api.requests(`PUT ${meetingsPath}/51`);
    expect(await request.json()).toMatchObject({ version: 2, place: "Phòng họp tầng 2" });
  });

  it("notifies the superior after confirming, then shows the notice tag", async () => {
    startSession();
    let notified = false;
    const api = meetingsApi(committee, {
      [`GET ${meetingsPath}`]: () =>
        json([
          notified
            ? meeting({
                version: 3,
                notified_at: "2026-12-05T02:00:00Z",
                notified_by: "Nguyễn Văn An",
              })
            : meeting(),
        ]),
      [`POST ${meetingsPath}/51/notice`]: () => {
        notified = true;
        return json(
          meeting({
            version: 3,
            notified_at: "2026-12-05T02:00:00Z",
            notified_by: "Nguyễn Văn An",
          }),
        );
      },
    });
    await openTab();

    const row = await meetingRow("Kiểm điểm tập thể Ban Thường vụ Đảng ủy");
    fireEvent.click(rowButton(row, "Báo cáo cấp trên"));
    const box = await screen.findByRole("dialog", {
      name: "Gửi thông báo mời Đồng chí Nguyễn Văn B, Đồng chí Lê Thị C dự hội nghị?",
    });
    await userEvent.click(within(box).getByRole("button", { name: /Báo cáo cấp trên/ }));

    expect(await screen.findByText("Đã báo cáo cấp trên 05/12/2026")).toBeInTheDocument();
    const [request] = api.requests(`POST ${meetingsPath}/51/notice`);
    expect(await request.json()).toEqual({ version: 2 });
  });

  it("shows the reason when nobody is invited (409)", async () => {
    startSession();
    meetingsApi(committee, {
      [`GET ${meetingsPath}`]: () => json([meeting({ invited: [] })]),
      [`POST ${meetingsPath}/51/notice`]: () =>
        problem(409, "no_invitees", "Hội nghị chưa mời đại biểu cấp trên nào"),
    });
    await openTab();

    const row = await meetingRow("Kiểm điểm tập thể Ban Thường vụ Đảng ủy");
    expect(within(row).getByText("Chưa mời đại biểu nào")).toBeInTheDocument();
    fireEvent.click(rowButton(row, "Báo cáo cấp trên"));
    const box = await screen.findByRole("dialog");
    await userEvent.click(within(box).getByRole("button", { name: /Báo cáo cấp trên/ }));
    expect(
      await screen.findByText("Hội nghị chưa mời đại biểu cấp trên nào"),
    ).toBeInTheDocument();
  });

  it("is read-only for a committee above the cycle's organisation", async () => {
    startSession();
    meetingsApi(meWith("committee", 1, "Thành ủy Vinh"), {
      [`GET ${meetingsPath}`]: () => json([meeting()]),
    });
    const section = await openTab();

    const row = await meetingRow("Kiểm điểm tập thể Ban Thường vụ Đảng ủy");
    expect(within(row).queryByText("Sửa")).not.toBeInTheDocument();
    expect(within(row).queryByText("Báo cáo cấp trên")).not.toBeInTheDocument();
    expect(within(section).queryByText("Lên lịch hội nghị")).not.toBeInTheDocument();
  });
});
