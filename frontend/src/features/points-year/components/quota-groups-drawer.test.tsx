import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { PointsBoard } from "@/features/points-year/api/points";
import { PointsAppraisalTab } from "@/features/points-year/components/points-appraisal-tab";
import {
  decisionBoard,
  orgTree,
  pointsCycle,
  ruleSets,
} from "@/features/points-year/testing/fixtures";
import { json, problem, stubApi } from "@/testing/api";
import { renderPage } from "@/testing/render-page";
import { openSelect } from "@/testing/select";

type Handler = (request: Request) => Response | Promise<Response>;

const boardPath = "GET /api/v1/cycles/9/points-board";
const groupsPath = "PUT /api/v1/cycles/9/points-quota-groups";

/** `decisionBoard()` with Trần Văn Bình (F4) and Hoàng Minh Đức (F3) in a group of their own. */
function groupedBoard(): PointsBoard {
  const before = decisionBoard();
  const inGroup = (id: number) => id === 6 || id === 9;
  return {
    ...before,
    rows: before.rows.map((row) =>
      inGroup(row.member_id) ? { ...row, group: "Giảng viên chính" } : row,
    ),
  };
}

function groupsApi(save: Handler) {
  return stubApi({
    "GET /api/v1/rule-sets": () => json(ruleSets()),
    "GET /api/v1/organizations": () => json(orgTree()),
    [boardPath]: () => json(groupedBoard()),
    [groupsPath]: save,
  });
}

async function openEditor() {
  renderPage(<PointsAppraisalTab cycle={pointsCycle} />);
  await userEvent.click(await screen.findByRole("button", { name: /Sửa nhóm tính tỷ lệ/ }));
  return screen.findByTestId("quota-groups-form");
}

/** Each member's group in the editor's list, name → group. */
function groupsShown(form: HTMLElement): Record<string, string> {
  const table = within(form).getByTestId("quota-group-members");
  return Object.fromEntries(
    Array.from(table.querySelectorAll("tr.ant-table-row"), (row) => {
      const cells = row.querySelectorAll("td");
      return [cells[0].textContent ?? "", cells[3].textContent ?? ""];
    }),
  );
}

async function pick(label: string, typed: string, option: string) {
  const list = await openSelect(screen.getByLabelText(label));
  await userEvent.keyboard(typed);
  await userEvent.click(await within(list).findByTitle(option));
}

describe("quota groups", () => {
  it("shows each member's group, edits the groups by name and saves them", async () => {
    const regrouped: PointsBoard = {
      ...groupedBoard(),
      rows: groupedBoard().rows.map((row) =>
        row.member_id === 8 ? { ...row, group: "Tổ Toán ứng dụng" } : row,
      ),
      quotas: [
        ...decisionBoard().quotas,
        {
          group: "Tổ Toán ứng dụng",
          counted: 5,
          limit: 1,
          excellent_before_quota: 0,
          excellent: 0,
        },
      ],
    };
    const api = groupsApi(() => json(regrouped));
    const form = await openEditor();

    expect(groupsShown(form)).toEqual({
      "Nguyễn Thị Lan": "dhsp/F4 (mặc định)",
      "Trần Văn Bình": "Giảng viên chính",
      "Lê Thị Cúc": "dhsp/F4 (mặc định)",
      "Phạm Văn Dũng": "dhsp/F4 (mặc định)",
      "Hoàng Minh Đức": "Giảng viên chính",
    });
    expect(within(form).getByLabelText("Tên nhóm 1")).toHaveValue("Giảng viên chính");

    // Hoàng Minh Đức back to his default group: deselected.
    await pick(
      "Đảng viên trong nhóm 1",
      "hoang",
      "Hoàng Minh Đức — Chi bộ Phòng Đào tạo · F3",
    );
    await userEvent.click(within(form).getByRole("button", { name: /Thêm nhóm/ }));
    await userEvent.type(within(form).getByLabelText("Tên nhóm 2"), "  Tổ Toán ứng dụng ");
    // Found without diacritics; someone in another group cannot be picked.
    const list = await openSelect(screen.getByLabelText("Đảng viên trong nhóm 2"));
    await userEvent.keyboard("tran van");
    const binh = await within(list).findByTitle(
      "Trần Văn Bình — Chi bộ Khoa Toán · F4 — đang ở nhóm Giảng viên chính",
    );
    expect(binh).toHaveAttribute("aria-disabled", "true");
    await userEvent.clear(screen.getByLabelText("Đảng viên trong nhóm 2"));
    await userEvent.keyboard("pham van dung");
    await userEvent.click(
      await within(list).findByTitle("Phạm Văn Dũng — Chi bộ Khoa Toán · F4"),
    );

    expect(groupsShown(form)).toMatchObject({
      "Trần Văn Bình": "Giảng viên chính",
      "Phạm Văn Dũng": "Tổ Toán ứng dụng",
      "Hoàng Minh Đức": "dhsp/F3 (mặc định)",
    });
    await userEvent.click(within(form).getByRole("button", { name: "Lưu nhóm" }));

    await waitFor(() => expect(api.requests(groupsPath)).toHaveLength(1));
    expect(await api.requests(groupsPath)[0].json()).toEqual({
      groups: [
        { name: "Giảng viên chính", member_ids: [6] },
        { name: "Tổ Toán ứng dụng", member_ids: [8] },
      ],
      outstanding: false,
    });
    // The board and the meters as the answer counts them, without reading the board again.
    expect(await screen.findByTestId("quota-group-Tổ Toán ứng dụng")).toHaveTextContent("0/1");
    const board = screen.getByTestId("points-board");
    const dung = within(board).getByText("Phạm Văn Dũng").closest("tr") as HTMLElement;
    expect(dung).toHaveTextContent("Tổ Toán ứng dụng");
    await waitFor(() =>
      expect(screen.queryByTestId("quota-groups-form")).not.toBeInTheDocument(),
    );
    expect(api.requests(boardPath)).toHaveLength(1);
  });

  it("shows the server's errors at the group and member they name; resets them all", async () => {
    const api = groupsApi(async (request) => {
      const body = (await request.clone().json()) as { groups: unknown[] };
      return body.groups.length === 0
        ? json(decisionBoard())
        : problem(422, "validation", "Dữ liệu không hợp lệ", [
            {
              field: "groups[0].member_ids[0]",
              code: "unknown_member",
              message: "Không thuộc đợt kiểm điểm",
            },
            { field: "groups[1].name", code: "duplicate", message: "Hai nhóm cùng tên" },
          ]);
    });
    const form = await openEditor();
    await userEvent.click(within(form).getByRole("button", { name: /Thêm nhóm/ }));
    await userEvent.type(within(form).getByLabelText("Tên nhóm 2"), "giảng viên chính");
    await pick("Đảng viên trong nhóm 2", "dung", "Phạm Văn Dũng — Chi bộ Khoa Toán · F4");
    await userEvent.click(within(form).getByRole("button", { name: "Lưu nhóm" }));

    const first = within(form).getByTestId("quota-group-edit-1");
    const second = within(form).getByTestId("quota-group-edit-2");
    const members = within(first).getByLabelText("Đảng viên trong nhóm 1");
    await waitFor(() =>
      expect(members.closest(".ant-form-item")).toHaveTextContent(
        "Trần Văn Bình: Không thuộc đợt kiểm điểm",
      ),
    );
    const name = within(second).getByLabelText("Tên nhóm 2");
    expect(name.closest(".ant-form-item")).toHaveTextContent("Hai nhóm cùng tên");
    expect(first).not.toHaveTextContent("Hai nhóm cùng tên");

    await userEvent.click(within(form).getByRole("button", { name: "Khôi phục nhóm mặc định" }));
    const [title] = await screen.findAllByText("Đưa mọi người về nhóm mặc định?");
    const dialog = title.closest<HTMLElement>(".ant-modal") as HTMLElement;
    await userEvent.click(within(dialog).getByRole("button", { name: "Khôi phục" }));
    await waitFor(() => expect(api.requests(groupsPath)).toHaveLength(2));
    expect(await api.requests(groupsPath)[1].text()).toBe(
      JSON.stringify({ groups: [], outstanding: false }),
    );
    expect(await screen.findByText("Đã khôi phục nhóm mặc định")).toBeInTheDocument();
  });
});
