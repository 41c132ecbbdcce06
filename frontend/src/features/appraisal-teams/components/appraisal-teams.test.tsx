import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { AppraisalTeamsPage } from "@/features/appraisal-teams/components/appraisal-teams-page";
import { orgTree, team, year } from "@/features/appraisal-teams/testing/fixtures";
import { json, meWith, problem, startSession, stubApi } from "@/testing/api";
import { renderPage } from "@/testing/render-page";
import { openSelect, optionTitles } from "@/testing/select";

const baseCommittee = meWith("committee", 10, "Đảng bộ Trường Đại học Vinh");
const teamsPath = "/api/v1/organizations/10/appraisal-teams";

/**
 * The dialog titled `title`, found by its text: role queries with a name are slow beside the
 * antd table in jsdom.
 */
async function dialogTitled(title: string): Promise<HTMLElement> {
  const texts = await screen.findAllByText(title);
  return texts
    .map((text) => text.closest<HTMLElement>("[role=dialog]"))
    .find((dialog) => dialog !== null) as HTMLElement;
}

async function teamRow(text: string): Promise<HTMLElement> {
  return (await screen.findByText(text)).closest("tr") as HTMLElement;
}

describe("appraisal teams (C.5)", () => {
  it("lists the teams of the user's organisation this year, and marks the superior's read-only", async () => {
    startSession();
    const api = stubApi({
      "GET /api/v1/organizations": () => json(orgTree),
      [`GET ${teamsPath}`]: () =>
        json([
          team(),
          team({
            id: 62,
            organization_id: 1,
            target_id: 10,
            target_name: "Đảng bộ Trường Đại học Vinh",
            leader: "Đồng chí Phạm Văn Dũng",
            members: [],
            visit_on: null,
            findings: null,
            conclusion: null,
          }),
        ]),
    });
    renderPage(<AppraisalTeamsPage me={baseCommittee} />, "/appraisal-teams");

    const own = await teamRow("Chi bộ Khoa Toán");
    const cells = within(own).getAllByRole("cell");
    expect(cells[1]).toHaveTextContent("Đồng chí Nguyễn Văn An");
    expect(cells[2]).toHaveTextContent("Đồng chí Trần Thị Bình, Đồng chí Lê Văn Cường");
    expect(cells[3]).toHaveTextContent(`08/12/${year}`);
    expect(within(cells[4]).getByText("Giữ nguyên kết quả xếp loại")).toBeInTheDocument();
    expect(cells[5]).toHaveTextContent("Chi bộ tổ chức kiểm điểm nghiêm túc");
    expect(within(own).getByText("Sửa")).toBeInTheDocument();

    const above = await teamRow("Đồng chí Phạm Văn Dũng");
    expect(within(above).getByText("Đoàn của cấp trên")).toBeInTheDocument();
    expect(within(above).queryByText("Sửa")).not.toBeInTheDocument();
    expect(within(above).queryByText("Xóa")).not.toBeInTheDocument();

    const [request] = api.requests(`GET ${teamsPath}`);
    expect(new URL(request.url).searchParams.get("year")).toBe(String(year));
  });

  it("forms a team for a branch below, showing a member's error under the members (422)", async () => {
    startSession();
    let attempts = 0;
    const api = stubApi({
      "GET /api/v1/organizations": () => json(orgTree),
      [`GET ${teamsPath}`]: () =>
        json(
          attempts > 1 ? [team({ id: 63, target_id: 101, target_name: "Chi bộ Khoa Văn" })] : [],
        ),
      [`POST ${teamsPath}`]: () => {
        attempts += 1;
        return attempts === 1
          ? problem(422, "validation", "Dữ liệu không hợp lệ", [
              { field: "members[1]", code: "required", message: "Cần ghi họ tên thành viên" },
            ])
          : json(team({ id: 63, target_id: 101, target_name: "Chi bộ Khoa Văn" }), 201);
      },
    });
    renderPage(<AppraisalTeamsPage me={baseCommittee} />, "/appraisal-teams");

    expect(
      await screen.findByText("Chưa có đoàn kiểm tra, thẩm định nào trong năm"),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: /Lập đoàn/ }));
    const dialog = await screen.findByRole("dialog");

    // Only the organisations strictly below the chosen one.
    const targets = await openSelect(within(dialog).getByLabelText("Tổ chức được kiểm tra"));
    expect(optionTitles(targets)).toEqual([
      "Chi bộ Khoa Toán (Chi bộ)",
      "Chi bộ Khoa Văn (Chi bộ)",
    ]);
    await userEvent.click(within(targets).getByTitle("Chi bộ Khoa Văn (Chi bộ)"));
    await userEvent.type(within(dialog).getByLabelText("Trưởng đoàn"), "Đồng chí Nguyễn Văn An");
    const members = within(dialog).getByLabelText("Thành viên");
    await userEvent.type(members, "Đồng chí Trần Thị Bình{Enter}");
    await userEvent.type(members, "Đồng chí Lê Văn Cường{Enter}");

    // The conclusion waits for the findings.
    const confirmed = within(dialog).getByLabelText("Giữ nguyên kết quả xếp loại");
    expect(confirmed).toBeDisabled();
    await userEvent.type(
      within(dialog).getByLabelText("Nhận xét của đoàn"),
      "Chi bộ kiểm điểm nghiêm túc",
    );
    await waitFor(() => expect(confirmed).toBeEnabled());
    fireEvent.click(confirmed);
    await userEvent.click(within(dialog).getByRole("button", { name: "Lưu" }));

    const invalid = await within(dialog).findByText("Cần ghi họ tên thành viên");
    expect(invalid.closest(".ant-form-item")).toContainElement(members);
    const [request] = api.requests(`POST ${teamsPath}`);
    expect(await request.json()).toEqual({
      version: 0,
      year,
      target_id: 101,
      leader: "Đồng chí Nguyễn Văn An",
      members: ["Đồng chí Trần Thị Bình", "Đồng chí Lê Văn Cường"],
      visit_on: null,
      findings: "Chi bộ kiểm điểm nghiêm túc",
      conclusion: "confirmed",
    });

    await userEvent.click(within(dialog).getByRole("button", { name: "Lưu" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(await screen.findByText("Chi bộ Khoa Văn")).toBeInTheDocument();
    expect(api.requests(`POST ${teamsPath}`)).toHaveLength(2);
  });

  it("asks to reload when the team changed since it was read (412)", async () => {
    startSession();
    const api = stubApi({
      "GET /api/v1/organizations": () => json(orgTree),
      [`GET ${teamsPath}`]: () => json([team()]),
      [`PUT ${teamsPath}/61`]: () => problem(412, "stale", "Đoàn đã được sửa"),
    });
    renderPage(<AppraisalTeamsPage me={baseCommittee} />, "/appraisal-teams");

    const row = await teamRow("Chi bộ Khoa Toán");
    fireEvent.click(within(row).getByText("Sửa").closest("button") as HTMLElement);
    const dialog = await dialogTitled("Sửa đoàn kiểm tra, thẩm định");
    expect(within(dialog).getByLabelText("Ngày làm việc")).toHaveValue(`08/12/${year}`);
    // The conclusion opens once the form has seen the findings (as a user waits to see it).
    const adjust = within(dialog).getByLabelText("Cần điều chỉnh");
    await waitFor(() => expect(adjust).toBeEnabled());
    fireEvent.click(adjust);
    await waitFor(() => expect(adjust).toBeChecked());
    await userEvent.click(within(dialog).getByRole("button", { name: "Lưu" }));

    expect(
      await within(dialog).findByText("Đoàn vừa được người khác sửa; hãy tải lại rồi cập nhật"),
    ).toBeInTheDocument();
    const [request] = api.requests(`PUT ${teamsPath}/61`);
    expect(await request.json()).toMatchObject({ version: 2, conclusion: "adjust" });
  });

  it("deletes a team after confirming", async () => {
    startSession();
    const api = stubApi({
      "GET /api/v1/organizations": () => json(orgTree),
      [`GET ${teamsPath}`]: () => json([team()]),
      [`DELETE ${teamsPath}/61`]: () => new Response(null, { status: 204 }),
    });
    renderPage(<AppraisalTeamsPage me={baseCommittee} />, "/appraisal-teams");

    const row = await teamRow("Chi bộ Khoa Toán");
    fireEvent.click(within(row).getByText("Xóa").closest("button") as HTMLElement);
    const box = await dialogTitled("Xóa đoàn kiểm tra Chi bộ Khoa Toán?");
    fireEvent.click(within(box).getByText("Xóa").closest("button") as HTMLElement);
    await waitFor(() => expect(api.requests(`DELETE ${teamsPath}/61`)).toHaveLength(1));
  });

  it("is read-only for the inspection commission", async () => {
    startSession();
    stubApi({
      "GET /api/v1/organizations": () => json(orgTree),
      [`GET ${teamsPath}`]: () => json([team()]),
    });
    renderPage(
      <AppraisalTeamsPage me={meWith("inspection", 10, "Ủy ban Kiểm tra Đảng ủy")} />,
      "/appraisal-teams?org=10",
    );

    const row = await teamRow("Chi bộ Khoa Toán");
    expect(within(row).queryByText("Sửa")).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Lập đoàn/ })).not.toBeInTheDocument();
  });
});
