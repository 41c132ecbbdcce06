import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { PartyReport } from "@/features/party-reports/api/party-reports";
import { PartyReportsPage } from "@/features/party-reports/components/party-reports-page";
import { orgTree, report, year, yearReports } from "@/features/party-reports/testing/fixtures";
import { bearer, json, meWith, problem, startSession, stubApi } from "@/testing/api";
import { captureDownloads } from "@/testing/download";
import { renderPage } from "@/testing/render-page";

const baseCommittee = meWith("committee", 10, "Đảng bộ Trường Đại học Vinh");
const inspection = meWith("inspection", 1, "Thành ủy Vinh");
const yearPath = `GET /api/v1/organizations/10/reports/${year}`;
const d1 = `/api/v1/organizations/10/reports/${year}/collective_review`;
const d4 = `/api/v1/organizations/10/reports/${year}/party_building_summary`;

function card(kind: string): HTMLElement {
  return screen.getByTestId(`report-${kind}`);
}

describe("committee reports", () => {
  it("lists both kinds of the user's own organisation with their status", async () => {
    startSession();
    const api = stubApi({
      "GET /api/v1/organizations": () => json(orgTree),
      [yearPath]: () =>
        json(
          yearReports([
            report(),
            report({
              id: 6,
              kind: "party_building_summary",
              rule: "D4",
              version: 3,
              status: "approved",
              number: "02-BC/ĐU",
              dated_on: `${year}-12-05`,
              approved_by: "Nguyễn Văn An",
              approved_at: `${year}-12-05T03:00:00Z`,
            }),
          ]),
        ),
    });
    renderPage(<PartyReportsPage me={baseCommittee} />, "/party-reports");

    const collective = within(await waitFor(() => card("collective_review")));
    expect(collective.getByText("Báo cáo kiểm điểm tập thể")).toBeInTheDocument();
    expect(collective.getByText("Dự thảo")).toBeInTheDocument();
    expect(collective.getByText("Phiên bản 1")).toBeInTheDocument();
    expect(collective.getByRole("button", { name: /Duyệt và ban hành/ })).toBeInTheDocument();
    const summary = within(card("party_building_summary"));
    expect(summary.getByText("Báo cáo tổng kết công tác xây dựng Đảng")).toBeInTheDocument();
    expect(summary.getByText("Đã ban hành")).toBeInTheDocument();
    expect(summary.getByText(`Số 02-BC/ĐU, ngày 05/12/${year}`)).toBeInTheDocument();
    expect(
      summary.queryByRole("button", { name: /Duyệt và ban hành/ }),
    ).not.toBeInTheDocument();
    expect(api.requests(yearPath)).toHaveLength(1);
  });

  it("starts a new report from the template, saves it as version 0, then shows version 1", async () => {
    startSession();
    let saved: PartyReport | undefined;
    const api = stubApi({
      "GET /api/v1/organizations": () => json(orgTree),
      [yearPath]: () => json(yearReports(saved ? [saved] : [])),
      [`PUT ${d4}`]: async (request) => {
        const body = (await request.clone().json()) as { title: string; body: string };
        saved = report({
          kind: "party_building_summary",
          rule: "D4",
          title: body.title,
          body: body.body,
          rendered: body.body,
        });
        return json(saved);
      },
    });
    renderPage(<PartyReportsPage me={baseCommittee} />, "/party-reports");

    const summary = within(await waitFor(() => card("party_building_summary")));
    expect(summary.getByText("Chưa soạn")).toBeInTheDocument();
    await userEvent.click(summary.getByRole("button", { name: /Soạn/ }));
    const body = summary.getByLabelText<HTMLTextAreaElement>("Nội dung");
    expect(body.value).toContain(`I. KẾT QUẢ CÔNG TÁC XÂY DỰNG ĐẢNG NĂM {{nam}}`);
    expect(body.value).toContain(
      "{{hoan_thanh_xuat_sac}} đồng chí ({{ty_le_hoan_thanh_xuat_sac}})",
    );
    // Only the figures the server offers: the others are left for the committee to write.
    expect(body.value).not.toContain("{{hoan_thanh_tot}}");
    expect(summary.getByTestId("report-preview-party_building_summary")).toHaveTextContent(
      `I. KẾT QUẢ CÔNG TÁC XÂY DỰNG ĐẢNG NĂM ${year}`,
    );
    expect(summary.getByLabelText<HTMLTextAreaElement>("Chức danh người ký").value).toBe(
      "T/M ĐẢNG ỦY\nBÍ THƯ",
    );

    // A figure goes in at the cursor.
    await userEvent.clear(body);
    await userEvent.type(body, "Có  đảng viên.");
    body.setSelectionRange(3, 3);
    await userEvent.click(summary.getByRole("button", { name: "Chèn Tổng số đảng viên" }));
    expect(body.value).toBe("Có {{tong_so_dang_vien}} đảng viên.");
    expect(summary.getByTestId("report-preview-party_building_summary")).toHaveTextContent(
      "Có 150 đảng viên.",
    );
    await userEvent.type(summary.getByLabelText("Họ và tên người ký"), "Nguyễn Văn An");
    await userEvent.click(summary.getByRole("button", { name: "Lưu" }));

    expect(await screen.findByText("Đã lưu phiên bản 1")).toBeInTheDocument();
    expect(await api.requests(`PUT ${d4}`)[0].json()).toEqual({
      version: 0,
      title: `Tổng kết công tác xây dựng Đảng năm ${year}`,
      body: "Có {{tong_so_dang_vien}} đảng viên.",
      signer_title: "T/M ĐẢNG ỦY\nBÍ THƯ",
      signer_name: "Nguyễn Văn An",
    });
    await waitFor(() => expect(summary.getByText("Phiên bản 1")).toBeInTheDocument());
    expect(summary.getByText("Dự thảo")).toBeInTheDocument();
  });

  it("shows a refused placeholder (422) under the text field, and a stale version (412)", async () => {
    startSession();
    let calls = 0;
    stubApi({
      "GET /api/v1/organizations": () => json(orgTree),
      [yearPath]: () => json(yearReports([report()])),
      [`PUT ${d1}`]: () => {
        calls += 1;
        return calls === 1
          ? problem(422, "validation", "Dữ liệu không hợp lệ", [
              {
                field: "body",
                code: "unknown_placeholder",
                message: "Số liệu không có: {{so_lieu_la}}",
              },
            ])
          : problem(412, "stale", "Báo cáo đã có phiên bản mới hơn");
      },
    });
    renderPage(<PartyReportsPage me={baseCommittee} />, "/party-reports");

    const collective = within(await waitFor(() => card("collective_review")));
    await userEvent.click(collective.getByRole("button", { name: /Sửa/ }));
    await userEvent.click(collective.getByRole("button", { name: "Lưu" }));

    const fieldError = await collective.findByText("Số liệu không có: {{so_lieu_la}}");
    expect(fieldError.closest(".ant-form-item")).toContainElement(
      collective.getByLabelText("Nội dung"),
    );

    await userEvent.click(collective.getByRole("button", { name: "Lưu" }));
    expect(await collective.findByRole("alert")).toHaveTextContent(
      "Đã có người lưu một phiên bản mới hơn",
    );
  });

  it("approves a draft on the date given and shows its number; the text is then read-only", async () => {
    startSession();
    let approved = false;
    const issued = report({
      version: 2,
      status: "approved",
      number: "01-BC/ĐU",
      dated_on: `${year}-01-15`,
      approved_by: "Nguyễn Văn An",
      approved_at: `${year}-01-15T03:00:00Z`,
    });
    const api = stubApi({
      "GET /api/v1/organizations": () => json(orgTree),
      [yearPath]: () => json(yearReports([approved ? issued : report({ version: 2 })])),
      [`POST ${d1}/approval`]: () => {
        approved = true;
        return json(issued);
      },
    });
    renderPage(<PartyReportsPage me={baseCommittee} />, "/party-reports");

    const collective = within(await waitFor(() => card("collective_review")));
    await userEvent.click(collective.getByRole("button", { name: /Duyệt và ban hành/ }));
    const dialog = within(await screen.findByRole("dialog"));
    expect(
      dialog.getByText(/nội dung báo cáo \(cả số liệu\) không thể sửa được nữa/),
    ).toBeInTheDocument();
    expect(dialog.getByText(/cấp cho báo cáo số tiếp theo \(BC\/ĐU\)/)).toBeInTheDocument();
    const date = dialog.getByLabelText("Ngày ban hành");
    await userEvent.clear(date);
    await userEvent.type(date, `15/01/${year}{enter}`);
    await userEvent.click(dialog.getByRole("button", { name: /Duyệt và ban hành/ }));

    expect(await screen.findByText("Đã ban hành báo cáo số 01-BC/ĐU")).toBeInTheDocument();
    expect(await api.requests(`POST ${d1}/approval`)[0].json()).toEqual({
      version: 2,
      dated_on: `${year}-01-15`,
    });
    await waitFor(() =>
      expect(collective.getByText(`Số 01-BC/ĐU, ngày 15/01/${year}`)).toBeInTheDocument(),
    );
    expect(collective.getByText("Đã ban hành")).toBeInTheDocument();
    expect(
      collective.queryByRole("button", { name: /Duyệt và ban hành/ }),
    ).not.toBeInTheDocument();

    await userEvent.click(collective.getByRole("button", { name: /Xem nội dung/ }));
    expect(collective.getByLabelText("Nội dung")).toHaveAttribute("readonly");
    expect(collective.getByLabelText("Tiêu đề")).toHaveAttribute("readonly");
    expect(collective.queryByRole("button", { name: "Lưu" })).not.toBeInTheDocument();
    expect(collective.queryByRole("button", { name: /Chèn/ })).not.toBeInTheDocument();
    expect(
      collective.getByText("Báo cáo đã ban hành: nội dung không thể sửa nữa."),
    ).toBeInTheDocument();
  });

  it("shows a 422 on the approval's date under the date field", async () => {
    startSession();
    stubApi({
      "GET /api/v1/organizations": () => json(orgTree),
      [yearPath]: () => json(yearReports([report()])),
      [`POST ${d1}/approval`]: () =>
        problem(422, "validation", "Dữ liệu không hợp lệ", [
          { field: "dated_on", code: "out_of_range", message: "Ngày ban hành không hợp lệ" },
        ]),
    });
    renderPage(<PartyReportsPage me={baseCommittee} />, "/party-reports");

    const collective = within(await waitFor(() => card("collective_review")));
    await userEvent.click(collective.getByRole("button", { name: /Duyệt và ban hành/ }));
    const dialog = within(await screen.findByRole("dialog"));
    await userEvent.click(dialog.getByRole("button", { name: /Duyệt và ban hành/ }));
    const fieldError = await dialog.findByText("Ngày ban hành không hợp lệ");
    expect(fieldError.closest(".ant-form-item")).toContainElement(
      dialog.getByLabelText("Ngày ban hành"),
    );
  });

  it("lists the versions and downloads the print view with the bearer token", async () => {
    startSession("access-3");
    const api = stubApi({
      "GET /api/v1/organizations": () => json(orgTree),
      [yearPath]: () => json(yearReports([report({ version: 2 })])),
      [`GET ${d1}/versions`]: () =>
        json([
          {
            version: 2,
            title: "Bản sửa",
            body: "…",
            saved_by: "Trần Thị Bình",
            // 01:30 on the 11th in Vietnam.
            saved_at: `${year}-12-10T18:30:00Z`,
          },
          {
            version: 1,
            title: "Bản đầu",
            body: "…",
            saved_by: "Nguyễn Văn An",
            saved_at: `${year}-12-01T02:30:00Z`,
          },
        ]),
      [`GET ${d1}/document`]: () =>
        new Response("%PDF-1.7", {
          headers: {
            "content-type": "application/pdf",
            "content-disposition": 'attachment; filename="bao-cao-kiem-diem.pdf"',
          },
        }),
    });
    const clicked = captureDownloads();
    renderPage(<PartyReportsPage me={baseCommittee} />, "/party-reports");

    const collective = within(await waitFor(() => card("collective_review")));
    await userEvent.click(collective.getByRole("button", { name: /Các phiên bản/ }));
    const versions = within(await screen.findByTestId("report-versions"));
    const latest = within((await versions.findByText("Bản sửa")).closest("tr") as HTMLElement);
    expect(latest.getByText("Trần Thị Bình")).toBeInTheDocument();
    expect(latest.getByText(`11/12/${year} 01:30`)).toBeInTheDocument();
    expect(versions.getByText(`01/12/${year} 09:30`)).toBeInTheDocument();

    await userEvent.click(collective.getByRole("button", { name: /Xem bản in/ }));
    await waitFor(() => expect(clicked).toEqual(["bao-cao-kiem-diem.pdf"]));
    const request = api.requests(`GET ${d1}/document`)[0];
    expect(new URL(request.url).searchParams.get("format")).toBe("pdf");
    expect(bearer(request)).toBe("Bearer access-3");
  });

  it("lets the inspection commission write its own report (P3), and only read the committee's", async () => {
    startSession();
    stubApi({
      "GET /api/v1/organizations": () => json(orgTree),
      [yearPath]: () => json(yearReports([report()])),
    });
    const commission = meWith("inspection", 10, "Đảng bộ Trường Đại học Vinh");
    renderPage(<PartyReportsPage me={commission} />, "/party-reports");

    const p3 = within(await waitFor(() => card("inspection_summary")));
    expect(p3.getByText("Báo cáo tổng hợp gợi ý kiểm điểm (Ủy ban Kiểm tra)")).toBeInTheDocument();
    expect(p3.getByText("P3")).toBeInTheDocument();
    expect(p3.getByRole("button", { name: /Soạn/ })).toBeInTheDocument();
    const collective = within(card("collective_review"));
    expect(collective.queryByRole("button", { name: /Duyệt và ban hành/ })).not.toBeInTheDocument();
    expect(collective.queryByRole("button", { name: /Sửa/ })).not.toBeInTheDocument();
  });

  it("says plainly when the user may not read the organisation's reports (403)", async () => {
    startSession();
    stubApi({
      "GET /api/v1/organizations": () => json(orgTree),
      [yearPath]: () => problem(403, "forbidden", "Không có quyền"),
    });
    renderPage(<PartyReportsPage me={inspection} />, `/party-reports?org=10&year=${year}`);

    expect(
      await screen.findByText("Bạn không có quyền xem báo cáo của tổ chức này"),
    ).toBeInTheDocument();
  });
});
