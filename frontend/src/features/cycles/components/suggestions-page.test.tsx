import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { cycle, member, memberPage, suggestion } from "@/features/cycles/testing/fixtures";
import { cycleList, json, meWith, paged, startSession, stubApi } from "@/testing/api";
import { renderApp } from "@/testing/render-app";

const listPath = "/api/v1/cycles/9/suggestions";

function inspectionApi(extra: Record<string, (r: Request) => Response> = {}) {
  return stubApi({
    "GET /api/v1/auth/me": () =>
      json(meWith("inspection", 20, "Đảng bộ Trường Đại học Sư phạm", "Ủy ban Kiểm tra")),
    "GET /api/v1/notifications": paged([]),
    "GET /api/v1/cycles": cycleList([cycle]),
    [`GET ${listPath}`]: paged([
      suggestion({ due_on: "2026-11-05", overdue: true }),
      suggestion({
        id: 62,
        member_id: null,
        organization_id: 30,
        subject_name: "Chi bộ Khoa Toán",
        content: "Làm rõ việc sinh hoạt chi bộ không đều",
        status: "answered",
        explanation: "Chi bộ đã khắc phục từ tháng 10",
        answered_by: "Bí thư chi bộ",
        answered_at: "2026-11-12T03:00:00Z",
      }),
    ]),
    ...extra,
  });
}

describe("review suggestions", () => {
  it("lists the cycle's suggestions with their subject, status and answer", async () => {
    startSession();
    inspectionApi();
    renderApp("/suggestions");

    const table = await screen.findByTestId("suggestions-table");
    const lan = (await within(table).findByText("Nguyễn Thị Lan")).closest("tr") as HTMLElement;
    expect(lan).toHaveTextContent("Đảng viên");
    expect(lan).toHaveTextContent("05/11/2026");
    expect(within(lan).getByText("Chưa giải trình")).toBeInTheDocument();
    expect(within(lan).getByText("Quá hạn")).toBeInTheDocument();

    const branch = within(table).getByText("Chi bộ Khoa Toán").closest("tr") as HTMLElement;
    expect(branch).toHaveTextContent("Tập thể");
    expect(within(branch).getByText("Đã giải trình")).toBeInTheDocument();
    expect(branch).toHaveTextContent("Chi bộ đã khắc phục từ tháng 10");
    expect(branch).toHaveTextContent("Bí thư chi bộ, 12/11/2026");
    expect(within(branch).queryByText("Quá hạn")).not.toBeInTheDocument();
  });

  it("pages the suggestions on the server: the next page asks for page 2", async () => {
    startSession();
    // 25 suggestions: a page of 20, then 5 (the server cuts them, see `paged`).
    const many = Array.from({ length: 25 }, (_, index) =>
      suggestion({ id: 100 + index, subject_name: `Đảng viên số ${index + 1}` }),
    );
    const api = inspectionApi({ [`GET ${listPath}`]: paged(many) });
    renderApp("/suggestions");

    const table = await screen.findByTestId("suggestions-table");
    await within(table).findByText("Đảng viên số 1");
    expect(within(table).queryByText("Đảng viên số 21")).not.toBeInTheDocument();
    const first = new URL(api.requests(`GET ${listPath}`)[0].url).searchParams;
    expect(first.get("page")).toBe("1");
    expect(first.get("per_page")).toBe("20");
    expect(screen.getByText("Tổng cộng 25")).toBeInTheDocument();

    // By its title, not its role: role queries over the whole table are slow in jsdom.
    await userEvent.click(screen.getByTitle("2"));

    expect(await within(table).findByText("Đảng viên số 21")).toBeInTheDocument();
    expect(within(table).queryByText("Đảng viên số 1")).not.toBeInTheDocument();
    const asked = api.requests(`GET ${listPath}`).map((request) => new URL(request.url));
    const last = asked[asked.length - 1].searchParams;
    expect(last.get("page")).toBe("2");
    expect(last.get("per_page")).toBe("20");
  });

  it("issues a suggestion to a member", async () => {
    startSession();
    const api = inspectionApi({
      "GET /api/v1/members": () => memberPage([member(5, "Nguyễn Thị Lan")]),
      [`POST ${listPath}`]: () => json(suggestion(), 201),
    });
    renderApp("/suggestions");

    await screen.findByTestId("suggestions-table");
    await userEvent.click(screen.getByRole("button", { name: /Ra gợi ý kiểm điểm/ }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.click(within(dialog).getByLabelText("Đảng viên được gợi ý"));
    const options = await screen.findAllByTitle("Nguyễn Thị Lan — Chi bộ Khoa Toán");
    await userEvent.click(options.at(-1) as HTMLElement);
    await userEvent.type(
      within(dialog).getByLabelText("Nội dung gợi ý"),
      "Làm rõ việc chậm nộp báo cáo quý III",
    );
    const due = within(dialog).getByLabelText("Hạn giải trình");
    await userEvent.click(due);
    await userEvent.type(due, "15/11/2026");
    await userEvent.tab();
    await userEvent.click(within(dialog).getByRole("button", { name: "Ra gợi ý kiểm điểm" }));

    await waitFor(() => expect(api.requests(`POST ${listPath}`)).toHaveLength(1));
    expect(await api.requests(`POST ${listPath}`)[0].json()).toEqual({
      member_id: 5,
      organization_id: null,
      content: "Làm rõ việc chậm nộp báo cáo quý III",
      due_on: "2026-11-15",
    });
    // The members offered are the cycle's organisation's active ones.
    const [search] = api.requests("GET /api/v1/members");
    expect(new URL(search.url).searchParams.get("organization_id")).toBe("20");
    await waitFor(() =>
      expect(screen.queryByRole("dialog")).not.toBeInTheDocument(),
    );
  });
});
