import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { components } from "@/api/schema";
import { base, treeAnswer } from "@/features/members/testing/fixtures";
import { adminMe, json, startSession, stubApi } from "@/testing/api";
import { renderApp } from "@/testing/render-app";

type ImportReport = components["schemas"]["ImportReport"];

function report(changes: Partial<ImportReport>): ImportReport {
  return {
    dry_run: true,
    rows: 3,
    created: 0,
    updated: 0,
    unchanged: 0,
    ignored_columns: [],
    errors: [],
    errors_truncated: false,
    ...changes,
  };
}

const header = [
  "Số thẻ đảng viên,Họ và tên,Giới tính,Ngày sinh,Mã chi bộ",
  "Loại đảng viên,Ngày vào Đảng,Ngày chính thức,Đối tượng",
].join(",");
const row = (born: string) =>
  `34.000001,Nguyễn Văn Ánh,Nam,${born},CB-TOAN,Chính thức,01/01/2005,01/01/2006,CBCCVC`;
const badFile = `${header}\n${row("31/02/1980")}\n`;
const goodFile = `${header}\n${row("28/02/1980")}\n`;

function csv(content: string): File {
  return new File([content], "dang-vien.csv", { type: "text/csv" });
}

describe("member import wizard", () => {
  it("shows the dry run's row errors with confirm disabled, and imports a clean file", async () => {
    startSession();
    const api = stubApi({
      "GET /api/v1/auth/me": () => json(adminMe),
      "GET /api/v1/organizations": treeAnswer([base]),
      "POST /api/v1/members/import": async (request) => {
        const dryRun = new URL(request.url).searchParams.get("dry_run") === "true";
        const body = await request.clone().text();
        if (body.includes("31/02/1980")) {
          return json(
            report({
              created: 1,
              ignored_columns: ["Ghi chú"],
              errors: [
                { row: 2, column: "Ngày sinh", message: "'31/02/1980' không phải ngày dd/mm/yyyy" },
                { row: 3, column: null, message: "Dòng thiếu dữ liệu" },
              ],
            }),
          );
        }
        return json(report({ dry_run: dryRun, created: 2, updated: 1 }));
      },
    });
    renderApp("/members/import");

    const wizard = await screen.findByTestId("members-import");
    const fileInput = () => wizard.querySelector<HTMLInputElement>('input[type="file"]');
    await userEvent.upload(fileInput() as HTMLInputElement, csv(badFile));
    await userEvent.click(within(wizard).getByRole("button", { name: "Kiểm tra tệp" }));

    const errors = await within(wizard).findByRole("table");
    const rows = within(errors)
      .getAllByRole("row")
      .map((row) =>
        [...within(row).queryAllByRole("columnheader"), ...within(row).queryAllByRole("cell")].map(
          (cell) => cell.textContent,
        ),
      );
    expect(rows).toEqual([
      ["Dòng", "Cột", "Lỗi"],
      ["2", "Ngày sinh", "'31/02/1980' không phải ngày dd/mm/yyyy"],
      ["3", "—", "Dòng thiếu dữ liệu"],
    ]);
    expect(within(wizard).getByText(/Ghi chú/)).toBeInTheDocument();
    expect(within(wizard).getByRole("button", { name: "Nhập" })).toBeDisabled();
    const [dryRun] = api.requests("POST /api/v1/members/import");
    expect(new URL(dryRun.url).searchParams.get("dry_run")).toBe("true");
    expect(dryRun.headers.get("Content-Type")).toBe("text/csv");

    await userEvent.click(within(wizard).getByRole("button", { name: "Chọn tệp khác" }));
    await userEvent.upload(fileInput() as HTMLInputElement, csv(goodFile));
    await userEvent.click(within(wizard).getByRole("button", { name: "Kiểm tra tệp" }));

    const counts = await within(wizard).findByTestId("import-report");
    await waitFor(() => expect(counts).toHaveTextContent("Sẽ thêm2"));
    expect(counts).toHaveTextContent("Sẽ cập nhật1");
    expect(within(wizard).queryByRole("table")).not.toBeInTheDocument();
    const confirm = within(wizard).getByRole("button", { name: "Nhập" });
    expect(confirm).toBeEnabled();
    await userEvent.click(confirm);

    expect(await within(wizard).findByText("Đã nhập xong")).toBeInTheDocument();
    expect(within(wizard).getByText("Thêm 2, cập nhật 1, không đổi 0.")).toBeInTheDocument();
    expect(within(wizard).getByRole("link", { name: "Xem danh sách đảng viên" })).toHaveAttribute(
      "href",
      "/members",
    );
    const sent = api.requests("POST /api/v1/members/import");
    expect(sent.map((request) => new URL(request.url).searchParams.get("dry_run"))).toEqual([
      "true",
      "true",
      "false",
    ]);
    // The file confirmed is the one checked, sent as it is.
    expect(await sent[2].text()).toBe(goodFile);
  });
});
