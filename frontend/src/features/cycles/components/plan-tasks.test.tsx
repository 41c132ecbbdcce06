import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { PlanTask } from "@/features/cycles/api/plan-tasks";
import { counts, cycle, planTabRoutes } from "@/features/cycles/testing/fixtures";
import { json, meWith, paged, problem, startSession, stubApi } from "@/testing/api";
import { renderApp } from "@/testing/render-app";

const tasksPath = "/api/v1/cycles/9/plan-tasks";
const committee = meWith("committee", 20, "Đảng bộ Trường Đại học Sư phạm");

function planTask(overrides: Partial<PlanTask> = {}): PlanTask {
  return {
    id: 41,
    cycle_id: 9,
    title: "Hướng dẫn các chi bộ tổ chức kiểm điểm",
    assignee: "Đồng chí Phó Bí thư Đảng ủy",
    due_on: "2026-11-15",
    progress: 40,
    note: "Đã gửi hướng dẫn cho 8/12 chi bộ",
    overdue: true,
    version: 3,
    updated_by: "Nguyễn Văn An",
    updated_at: "2026-11-20T01:30:00Z",
    ...overrides,
  };
}

function planApi(extra: Record<string, (r: Request) => Response>) {
  return stubApi({
    "GET /api/v1/auth/me": () => json(committee),
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
  await screen.findByTestId("plan-tasks");
}

/**
 * The button `label` of a table row. By its text, clicked with fireEvent: role queries and
 * userEvent's pointer checks inside the antd table's rows take minutes in jsdom.
 */
function rowButton(row: HTMLElement, label: string): HTMLElement {
  return within(row).getByText(label).closest("button") as HTMLElement;
}

/** Types a date (dd/mm/yyyy) into the antd DatePicker labelled `label`. */
async function typeDate(container: HTMLElement, label: string, date: string) {
  const input = within(container).getByLabelText(label);
  await userEvent.click(input);
  await userEvent.type(input, date);
  // Leaving the field keeps the date (Enter would submit the form).
  await userEvent.tab();
}

describe("plan tasks", () => {
  it("lists each task's assignee, due date with the overdue tag, and progress", async () => {
    startSession();
    planApi({
      [`GET ${tasksPath}`]: () =>
        json([
          planTask(),
          planTask({
            id: 42,
            title: "Tổng hợp kết quả",
            due_on: null,
            progress: 100,
            overdue: false,
            note: null,
          }),
        ]),
    });
    await openTab();

    const row = (await screen.findByText("Hướng dẫn các chi bộ tổ chức kiểm điểm")).closest(
      "tr",
    ) as HTMLElement;
    const cells = within(row).getAllByRole("cell");
    expect(cells[1]).toHaveTextContent("Đồng chí Phó Bí thư Đảng ủy");
    expect(cells[2]).toHaveTextContent("15/11/2026");
    expect(within(cells[2]).getByText("Quá hạn")).toBeInTheDocument();
    expect(cells[3]).toHaveTextContent("40%");
    expect(cells[4]).toHaveTextContent("Đã gửi hướng dẫn cho 8/12 chi bộ");
    expect(cells[5]).toHaveTextContent("Nguyễn Văn An, 20/11/2026 08:30");

    const done = screen.getByText("Tổng hợp kết quả").closest("tr") as HTMLElement;
    expect(within(done).queryByText("Quá hạn")).not.toBeInTheDocument();
    expect(within(done).getAllByRole("cell")[3]).toHaveTextContent("100%");
  });

  it("assigns a task with version 0, and shows a date of another year under its field", async () => {
    startSession();
    let attempts = 0;
    const api = planApi({
      [`GET ${tasksPath}`]: () => json([]),
      [`POST ${tasksPath}`]: () => {
        attempts += 1;
        return attempts === 1
          ? problem(422, "validation", "Dữ liệu không hợp lệ", [
              {
                field: "due_on",
                code: "wrong_year",
                message: "Thời hạn phải trong năm của đợt kiểm điểm",
              },
            ])
          : json(planTask({ id: 43, version: 1 }), 201);
      },
    });
    await openTab();

    expect(await screen.findByText("Chưa phân công nhiệm vụ nào")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: /Giao nhiệm vụ/ }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.type(within(dialog).getByLabelText("Nhiệm vụ"), "Tổng hợp kết quả");
    await userEvent.type(
      within(dialog).getByLabelText("Đồng chí phụ trách"),
      "Đồng chí Bí thư Đảng ủy",
    );
    await typeDate(dialog, "Thời hạn", "05/01/2027");
    const progress = within(dialog).getByLabelText("Tiến độ");
    expect(progress).toHaveValue("0");
    await userEvent.clear(progress);
    await userEvent.type(progress, "30");
    await userEvent.type(within(dialog).getByLabelText("Ghi chú"), "Chờ các chi bộ");
    await userEvent.click(within(dialog).getByRole("button", { name: "Lưu" }));

    // The invalid date shows under the date field.
    const invalid = await within(dialog).findByText("Thời hạn phải trong năm của đợt kiểm điểm");
    expect(invalid.closest(".ant-form-item")).toContainElement(
      within(dialog).getByLabelText("Thời hạn"),
    );
    const [request] = api.requests(`POST ${tasksPath}`);
    expect(await request.json()).toEqual({
      version: 0,
      title: "Tổng hợp kết quả",
      assignee: "Đồng chí Bí thư Đảng ủy",
      due_on: "2027-01-05",
      progress: 30,
      note: "Chờ các chi bộ",
    });

    await userEvent.click(within(dialog).getByRole("button", { name: "Lưu" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(api.requests(`POST ${tasksPath}`)).toHaveLength(2);
  });

  it("updates on the row's version, and asks to reload when it changed since (412)", async () => {
    startSession();
    const api = planApi({
      [`GET ${tasksPath}`]: () => json([planTask()]),
      [`PUT ${tasksPath}/41`]: () =>
        problem(412, "stale", "Nhiệm vụ đã được sửa từ lần đọc trước"),
    });
    await openTab();

    const row = (await screen.findByText("Hướng dẫn các chi bộ tổ chức kiểm điểm")).closest(
      "tr",
    ) as HTMLElement;
    fireEvent.click(rowButton(row, "Cập nhật"));
    const dialog = await screen.findByRole("dialog", { name: "Cập nhật nhiệm vụ" });
    expect(within(dialog).getByLabelText("Đồng chí phụ trách")).toHaveValue(
      "Đồng chí Phó Bí thư Đảng ủy",
    );
    expect(within(dialog).getByLabelText("Thời hạn")).toHaveValue("15/11/2026");
    const progress = within(dialog).getByLabelText("Tiến độ");
    await userEvent.clear(progress);
    await userEvent.type(progress, "80");
    const reads = api.requests(`GET ${tasksPath}`).length;
    await userEvent.click(within(dialog).getByRole("button", { name: "Lưu" }));

    expect(await within(dialog).findByRole("alert")).toHaveTextContent(
      "Nhiệm vụ vừa được người khác sửa; hãy tải lại rồi cập nhật",
    );
    const [request] = api.requests(`PUT ${tasksPath}/41`);
    expect(await request.json()).toEqual({
      version: 3,
      title: "Hướng dẫn các chi bộ tổ chức kiểm điểm",
      assignee: "Đồng chí Phó Bí thư Đảng ủy",
      due_on: "2026-11-15",
      progress: 80,
      note: "Đã gửi hướng dẫn cho 8/12 chi bộ",
    });
    // The list is read again.
    await waitFor(() =>
      expect(api.requests(`GET ${tasksPath}`).length).toBeGreaterThan(reads),
    );
  });

  it("deletes a task after confirming", async () => {
    startSession();
    const api = planApi({
      [`GET ${tasksPath}`]: () => json([planTask()]),
      [`DELETE ${tasksPath}/41`]: () => new Response(null, { status: 204 }),
    });
    await openTab();

    const row = (await screen.findByText("Hướng dẫn các chi bộ tổ chức kiểm điểm")).closest(
      "tr",
    ) as HTMLElement;
    fireEvent.click(rowButton(row, "Xóa"));
    const box = await screen.findByRole("dialog", {
      name: "Xóa nhiệm vụ “Hướng dẫn các chi bộ tổ chức kiểm điểm”?",
    });
    await userEvent.click(within(box).getByRole("button", { name: "Xóa" }));
    await waitFor(() => expect(api.requests(`DELETE ${tasksPath}/41`)).toHaveLength(1));
  });

  it("is not shown to a branch committee", async () => {
    startSession();
    stubApi({
      "GET /api/v1/auth/me": () => json(meWith("branch_committee", 30, "Chi bộ Khoa Toán")),
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
    });
    renderApp("/cycles/9");

    await screen.findByRole("tab", { name: "Chi bộ" });
    await userEvent.click(screen.getByRole("tab", { name: "Kế hoạch" }));
    expect(screen.queryByTestId("plan-tasks")).not.toBeInTheDocument();
    expect(screen.queryByText("Phân công nhiệm vụ")).not.toBeInTheDocument();
  });
});
