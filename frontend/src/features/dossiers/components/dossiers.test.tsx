import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { DossierPage } from "@/features/dossiers/components/dossier-page";
import { DossiersPage } from "@/features/dossiers/components/dossiers-page";
import {
  districtDossiers,
  dossierDetail,
  dossierStatus,
  orgTree,
  submission,
  year,
} from "@/features/dossiers/testing/fixtures";
import { bearer, cycleList, json, meWith, problem, startSession, stubApi } from "@/testing/api";
import { captureDownloads } from "@/testing/download";
import { renderPage } from "@/testing/render-page";

const baseCommittee = meWith("committee", 10, "Đảng bộ Trường Đại học Vinh");
const districtCommittee = meWith("committee", 1, "Thành ủy Vinh");
const detailPath = "GET /api/v1/dossiers/10/" + String(year);
const submitPath = `POST /api/v1/dossiers/10/${year}/submit`;
const decisionPath = `POST /api/v1/dossiers/10/${year}/decision`;

function rowOf(testId: string, text: string): HTMLElement {
  return within(screen.getByTestId(testId)).getByText(text).closest("tr") as HTMLElement;
}

describe("yearly dossiers", () => {
  it("opens on the year of the latest cycle, not the calendar year", async () => {
    startSession();
    const cycleYear = year - 1;
    const api = stubApi({
      "GET /api/v1/organizations": () => json(orgTree),
      "GET /api/v1/cycles": cycleList([
        { id: 3, organization_id: 10, year: cycleYear },
        { id: 2, organization_id: 10, year: cycleYear - 1 },
      ]),
      "GET /api/v1/dossiers": () => json([]),
    });
    renderPage(<DossiersPage />, "/dossiers");

    await screen.findByTestId("dossiers");
    const query = new URL(api.requests("GET /api/v1/dossiers")[0].url).searchParams;
    expect(query.toString()).toBe(`organization_id=1&year=${cycleYear}`);
    expect(api.requests("GET /api/v1/dossiers")).toHaveLength(1);
  });

  it("lists a district's bases with their status, the late and overdue tags and a summary", async () => {
    startSession();
    const api = stubApi({
      "GET /api/v1/organizations": () => json(orgTree),
      "GET /api/v1/dossiers": () => json(districtDossiers),
    });
    renderPage(<DossiersPage />, "/dossiers");

    await screen.findByTestId("dossiers");
    const query = new URL(api.requests("GET /api/v1/dossiers")[0].url).searchParams;
    expect(query.toString()).toBe(`organization_id=1&year=${year}`);

    const accepted = within(rowOf("dossiers", "Đảng bộ Trường Đại học Vinh"));
    expect(accepted.getByText("Đã tiếp nhận")).toBeInTheDocument();
    expect(accepted.getByText(`25/11/${year}`)).toBeInTheDocument();
    expect(accepted.getByText(`24/11/${year} 09:30`)).toBeInTheDocument();
    expect(accepted.queryByText("Nộp muộn")).not.toBeInTheDocument();

    const late = within(rowOf("dossiers", "Đảng bộ phường Bến Thủy"));
    expect(late.getByText("Đã nộp, chờ xem xét")).toBeInTheDocument();
    expect(late.getByText("Nộp muộn")).toBeInTheDocument();
    expect(late.getByText(`26/11/${year} 15:05`)).toBeInTheDocument();

    const overdue = within(rowOf("dossiers", "Đảng bộ phường Hưng Dũng"));
    expect(overdue.getByText("Chưa nộp")).toBeInTheDocument();
    expect(overdue.getByText("Quá hạn")).toBeInTheDocument();
    expect(overdue.getByRole("link", { name: "Đảng bộ phường Hưng Dũng" })).toHaveAttribute(
      "href",
      `/dossiers/12/${year}`,
    );

    const summary = screen.getByTestId("dossier-summary");
    expect(summary).toHaveTextContent("Đã tiếp nhận1/ 3");
    expect(summary).toHaveTextContent("Chờ xem xét1");
    expect(summary).toHaveTextContent("Nộp muộn1");
    expect(summary).toHaveTextContent("Quá hạn1");
  });

  it("shows a base's documents and what is missing, and why a submission is refused (409)", async () => {
    startSession();
    const api = stubApi({
      "GET /api/v1/organizations": () => json(orgTree),
      [detailPath]: () => json(dossierDetail()),
      [submitPath]: () =>
        problem(409, "dossier_incomplete", "Hồ sơ chưa đủ: O4: Đảng ủy chưa tự chấm điểm"),
    });
    renderPage(<DossierPage me={baseCommittee} org={10} year={year} />);

    expect(
      await screen.findByRole("heading", {
        name: `Hồ sơ năm ${year}: Đảng bộ Trường Đại học Vinh`,
      }),
    ).toBeInTheDocument();
    expect(screen.getByTestId("dossier-status")).toHaveTextContent("Chưa nộp");
    const documents = within(rowOf("dossier-documents", "Báo cáo kiểm điểm tập thể"));
    expect(documents.getByText("D1")).toBeInTheDocument();
    expect(documents.getByText("12,5 KB")).toBeInTheDocument();
    expect(
      documents.getByRole("button", { name: "Tải về Báo cáo kiểm điểm tập thể" }),
    ).toBeInTheDocument();
    const missing = screen.getByTestId("dossier-missing");
    expect(within(missing).getByText("O4: Đảng ủy chưa tự chấm điểm")).toBeInTheDocument();
    expect(within(missing).getByText("W6: Chưa đăng ký thi đua năm sau")).toBeInTheDocument();
    // A base's committee submits; it does not decide on its own dossier.
    expect(screen.queryByRole("button", { name: /Tiếp nhận/ })).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: /Nộp hồ sơ/ }));
    const dialog = await screen.findByRole("dialog");
    expect(dialog).toHaveTextContent(
      `Nộp hồ sơ năm ${year} của Đảng bộ Trường Đại học Vinh lên cấp ủy cấp trên?`,
    );
    await userEvent.click(within(dialog).getByRole("button", { name: "Nộp hồ sơ" }));

    const refused = await screen.findByTestId("submit-refused");
    expect(refused).toHaveTextContent("Hồ sơ chưa đủ để nộp");
    expect(refused).toHaveTextContent("Hồ sơ chưa đủ: O4: Đảng ủy chưa tự chấm điểm");
    expect(api.requests(submitPath)).toHaveLength(1);
  });

  it("lets the district return a submitted dossier only with a comment (422 under the field)", async () => {
    startSession();
    const submitted = dossierDetail({
      status: "submitted",
      latest: submission(),
      submissions: [submission()],
    });
    let returned = false;
    const api = stubApi({
      "GET /api/v1/organizations": () => json(orgTree),
      [detailPath]: () =>
        json(
          returned
            ? dossierDetail({
                status: "returned",
                latest: submission({ status: "returned", decision_comment: "Bổ sung O4" }),
                submissions: [submission({ status: "returned", decision_comment: "Bổ sung O4" })],
              })
            : submitted,
        ),
      [decisionPath]: async (request) => {
        const body = (await request.clone().json()) as { comment?: string | null };
        if (!body.comment) {
          return problem(422, "validation", "Dữ liệu không hợp lệ", [
            { field: "comment", code: "required", message: "Hãy ghi lý do trả lại hồ sơ" },
          ]);
        }
        returned = true;
        return json(dossierStatus({ status: "returned" }));
      },
    });
    renderPage(<DossierPage me={districtCommittee} org={10} year={year} />);

    const history = within(await waitFor(() => rowOf("dossier-submissions", "Nguyễn Văn An")));
    expect(history.getByText("Chờ xem xét")).toBeInTheDocument();
    // Already submitted: the district decides, nobody submits again.
    expect(screen.queryByRole("button", { name: /Nộp hồ sơ/ })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: /Tiếp nhận/ })).toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: /Trả lại/ }));
    const dialog = await screen.findByRole("dialog");
    const comment = within(dialog).getByLabelText("Nội dung cần bổ sung, sửa chữa");
    // No comment at all: the form asks for one and nothing is sent.
    await userEvent.click(within(dialog).getByRole("button", { name: "Trả lại" }));
    expect(
      await within(dialog).findByText("Hãy ghi nội dung cần bổ sung, sửa chữa"),
    ).toBeInTheDocument();
    expect(api.requests(decisionPath)).toHaveLength(0);

    // A blank one is sent as none, and the API's answer shows under the field.
    await userEvent.type(comment, "   ");
    await userEvent.click(within(dialog).getByRole("button", { name: "Trả lại" }));
    const fieldError = await within(dialog).findByText("Hãy ghi lý do trả lại hồ sơ");
    // Under the comment field itself, not as a message for the whole form.
    expect(fieldError.closest(".ant-form-item")).toContainElement(
      within(dialog).getByLabelText("Nội dung cần bổ sung, sửa chữa"),
    );
    expect(await api.requests(decisionPath)[0].json()).toEqual({
      decision: "return",
      comment: null,
    });

    await userEvent.clear(comment);
    await userEvent.type(comment, "Bổ sung O4");
    await userEvent.click(within(dialog).getByRole("button", { name: "Trả lại" }));

    await waitFor(() => expect(screen.getByTestId("dossier-status")).toHaveTextContent("Bị trả lại"));
    expect(await api.requests(decisionPath)[1].json()).toEqual({
      decision: "return",
      comment: "Bổ sung O4",
    });
    expect(
      within(rowOf("dossier-submissions", "Nguyễn Văn An")).getByText("Bổ sung O4"),
    ).toBeInTheDocument();
  });

  it("downloads the ZIP with the bearer token and says when it is a draft", async () => {
    startSession("access-7");
    const api = stubApi({
      "GET /api/v1/organizations": () => json(orgTree),
      [detailPath]: () => json(dossierDetail()),
      [`GET /api/v1/dossiers/10/${year}/archive`]: () =>
        new Response("PK zip", {
          headers: {
            "content-type": "application/zip",
            "content-disposition": `attachment; filename="ho-so-dhv-${year}.zip"`,
            "x-dossier-draft": "true",
          },
        }),
    });
    const clicked = captureDownloads();
    renderPage(<DossierPage me={baseCommittee} org={10} year={year} />);

    await userEvent.click(await screen.findByRole("button", { name: /Tải hồ sơ \(ZIP\)/ }));

    await waitFor(() => expect(clicked).toEqual([`ho-so-dhv-${year}.zip`]));
    expect(bearer(api.requests(`GET /api/v1/dossiers/10/${year}/archive`)[0])).toBe(
      "Bearer access-7",
    );
    expect(
      await screen.findByText("Đã tải bản nháp của hồ sơ (chưa nộp)"),
    ).toBeInTheDocument();
  });

  it("prints 01-05 and 07 as PDF (format=pdf), not 06's statistical form", async () => {
    startSession("access-8");
    const detail = dossierDetail();
    const documentsPath = `GET /api/v1/dossiers/10/${year}/documents`;
    const api = stubApi({
      "GET /api/v1/organizations": () => json(orgTree),
      [detailPath]: () =>
        json({
          ...detail,
          preview: {
            ...detail.preview,
            documents: [
              ...detail.preview.documents,
              {
                name: "06-bieu-thong-ke.xlsx",
                title: "Biểu thống kê",
                rule: "D6",
                media_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                size: 5_100,
                sha256: "aa".repeat(32),
              },
            ],
          },
        }),
      [`${documentsPath}/03-bang-tong-hop-xep-loai-can-bo.xlsx`]: () =>
        new Response("%PDF-1.7", {
          headers: {
            "content-type": "application/pdf",
            "content-disposition": 'attachment; filename="03-bang-tong-hop-xep-loai-can-bo.pdf"',
          },
        }),
    });
    const clicked = captureDownloads();
    renderPage(<DossierPage me={baseCommittee} org={10} year={year} />);

    await screen.findByText("Biểu thống kê");
    expect(
      screen.queryByRole("button", { name: "In Biểu thống kê (PDF)" }),
    ).not.toBeInTheDocument();
    // 01's annex prints too (the approved reports are PDFs already: no button of their own).
    expect(
      screen.getByRole("button", { name: "In Báo cáo kiểm điểm tập thể (PDF)" }),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole("button", { name: "In Bảng tổng hợp xếp loại cán bộ (PDF)" }),
    );

    await waitFor(() => expect(clicked).toEqual(["03-bang-tong-hop-xep-loai-can-bo.pdf"]));
    const [request] = api.requests(`${documentsPath}/03-bang-tong-hop-xep-loai-can-bo.xlsx`);
    expect(new URL(request.url).searchParams.get("format")).toBe("pdf");
    expect(bearer(request)).toBe("Bearer access-8");
  });

  it("lists the scans of signed documents and downloads one with the bearer token", async () => {
    startSession("access-9");
    const detail = dossierDetail();
    const api = stubApi({
      "GET /api/v1/organizations": () => json(orgTree),
      [detailPath]: () =>
        json({
          ...detail,
          preview: {
            ...detail.preview,
            attachments: [
              {
                name: "scans/7-bien-ban-da-ky.pdf",
                id: 7,
                cycle_id: 100,
                record_kind: "voting_session",
                record_id: 41,
                title: "Biên bản kiểm phiếu đã ký",
                file_name: "bien-ban-da-ky.pdf",
                media_type: "application/pdf",
                size: 12_600,
                sha256: "ab".repeat(32),
                uploaded_by: "Bí thư Chi bộ Khoa Toán",
                // 01:30 on the 11th in Vietnam.
                uploaded_at: `${year}-12-10T18:30:00Z`,
                href: "/api/v1/attachments/7",
              },
            ],
          },
        }),
      "GET /api/v1/attachments/7": () =>
        new Response("%PDF-1.7", {
          headers: {
            "content-type": "application/pdf",
            "content-disposition": 'attachment; filename="bien-ban-da-ky.pdf"',
          },
        }),
    });
    const clicked = captureDownloads();
    renderPage(<DossierPage me={districtCommittee} org={10} year={year} />);

    expect(await screen.findByText("Bản quét văn bản đã ký")).toBeInTheDocument();
    const row = within(rowOf("dossier-scans", "Biên bản kiểm phiếu đã ký"));
    expect(row.getByText("bien-ban-da-ky.pdf")).toBeInTheDocument();
    expect(row.getByText("12,3 KB")).toBeInTheDocument();
    expect(row.getByText("Bí thư Chi bộ Khoa Toán")).toBeInTheDocument();
    expect(row.getByText(`11/12/${year}`)).toBeInTheDocument();

    await userEvent.click(
      row.getByRole("button", { name: "Tải về bản quét Biên bản kiểm phiếu đã ký" }),
    );
    await waitFor(() => expect(clicked).toEqual(["bien-ban-da-ky.pdf"]));
    expect(bearer(api.requests("GET /api/v1/attachments/7")[0])).toBe("Bearer access-9");
  });

  it("says when the dossier has no scan", async () => {
    startSession();
    stubApi({
      "GET /api/v1/organizations": () => json(orgTree),
      [detailPath]: () => json(dossierDetail()),
    });
    renderPage(<DossierPage me={baseCommittee} org={10} year={year} />);

    const scans = await screen.findByTestId("dossier-scans");
    expect(within(scans).getByText("Chưa có bản quét nào")).toBeInTheDocument();
  });
});
