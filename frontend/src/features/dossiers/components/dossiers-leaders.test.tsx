import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { DossierPage } from "@/features/dossiers/components/dossier-page";
import { DossiersPage } from "@/features/dossiers/components/dossiers-page";
import {
  districtDossiers,
  dossierDetail,
  dossierStatus,
  leadersDossierDetail,
  orgTree,
  provinceTree,
  submission,
  year,
} from "@/features/dossiers/testing/fixtures";
import { bearer, json, meWith, problem, startSession, stubApi } from "@/testing/api";
import { captureDownloads } from "@/testing/download";
import { renderPage } from "@/testing/render-page";

// Plan II.5: the base's leaders' dossier goes to the province (Tỉnh ủy) by 15/12.
const baseCommittee = meWith("committee", 10, "Đảng bộ Trường Đại học Vinh");
const districtCommittee = meWith("committee", 1, "Thành ủy Vinh");
const provinceCommittee = meWith("committee", 2, "Tỉnh ủy Nghệ An");
const basePath = `GET /api/v1/dossiers/10/${year}`;
const leadersPath = `GET /api/v1/dossiers/10/${year}/leaders`;
const submitPath = `POST /api/v1/dossiers/10/${year}/leaders/submit`;
const decisionPath = `POST /api/v1/dossiers/10/${year}/leaders/decision`;
const leadersPage = `/dossiers/10/${year}?kind=leaders`;

const submitted = () =>
  leadersDossierDetail({
    status: "submitted",
    latest: submission({ deadline: `${year}-12-15` }),
    submissions: [submission({ deadline: `${year}-12-15` })],
  });

describe("the leaders' dossier to the province (plan II.5)", () => {
  it("shows its deadline, what blocks it with the rule, and prints each document as PDF", async () => {
    startSession("access-3");
    const documentPath = `GET /api/v1/dossiers/10/${year}/leaders/documents/01-bao-cao-kiem-diem-tap-the.pdf`;
    const api = stubApi({
      "GET /api/v1/organizations": () => json(orgTree),
      [leadersPath]: () => json(leadersDossierDetail()),
      [documentPath]: () =>
        new Response("%PDF-1.7", {
          headers: {
            "content-type": "application/pdf",
            "content-disposition": 'attachment; filename="01-bao-cao-kiem-diem-tap-the.pdf"',
          },
        }),
    });
    const clicked = captureDownloads();
    renderPage(<DossierPage me={baseCommittee} org={10} year={year} />, leadersPage);

    const missing = await screen.findByTestId("dossier-missing");
    expect(
      screen.getByRole("tab", { name: "Hồ sơ cán bộ lãnh đạo gửi Tỉnh ủy" }),
    ).toHaveAttribute("aria-selected", "true");
    expect(screen.getByTestId("dossier-status")).toHaveTextContent("Chưa nộp");
    expect(screen.getByText(`15/12/${year}`)).toBeInTheDocument();

    const blocking = within(missing)
      .getByText("D2: Trần Văn Bình chưa nộp bản tự kiểm điểm")
      .closest(".ant-alert") as HTMLElement;
    expect(within(blocking).getByText("Chặn việc nộp")).toBeInTheDocument();
    const warning = within(missing)
      .getByText("M6: Lê Thị Cúc chưa có kết quả xếp loại đảng viên")
      .closest(".ant-alert") as HTMLElement;
    expect(within(warning).queryByText("Chặn việc nộp")).not.toBeInTheDocument();

    // Every document is a PDF: one button opens and prints it, there is no other download.
    const documents = screen.getByTestId("dossier-documents");
    expect(
      within(documents).queryByRole("button", { name: "Tải về Báo cáo kiểm điểm tập thể" }),
    ).not.toBeInTheDocument();
    await userEvent.click(
      await within(documents).findByRole("button", {
        name: "In Báo cáo kiểm điểm tập thể (PDF)",
      }),
    );
    await waitFor(() => expect(clicked).toEqual(["01-bao-cao-kiem-diem-tap-the.pdf"]));
    expect(bearer(api.requests(documentPath)[0])).toBe("Bearer access-3");
    // Only the open tab's dossier is fetched.
    expect(api.requests(basePath)).toHaveLength(0);
  });

  it("lets the base's committee submit to the province after a confirmation", async () => {
    startSession();
    let done = false;
    const api = stubApi({
      "GET /api/v1/organizations": () => json(orgTree),
      [leadersPath]: () => json(done ? submitted() : leadersDossierDetail()),
      [submitPath]: () => {
        done = true;
        return json(dossierStatus({ kind: "leaders", status: "submitted", latest: submission() }), 201);
      },
    });
    renderPage(<DossierPage me={baseCommittee} org={10} year={year} />, leadersPage);

    await userEvent.click(await screen.findByRole("button", { name: /Nộp hồ sơ lên Tỉnh ủy/ }));
    const dialog = await screen.findByRole("dialog");
    expect(dialog).toHaveTextContent(
      `Nộp hồ sơ cán bộ lãnh đạo năm ${year} của Đảng bộ Trường Đại học Vinh lên Tỉnh ủy?`,
    );
    expect(dialog).toHaveTextContent(
      "Sau khi nộp, hồ sơ không thể thay đổi cho đến khi Tỉnh ủy trả lại.",
    );
    // Nothing is sent before the confirmation.
    expect(api.requests(submitPath)).toHaveLength(0);
    await userEvent.click(
      await within(dialog).findByRole("button", { name: "Nộp hồ sơ lên Tỉnh ủy" }),
    );

    await waitFor(() =>
      expect(screen.getByTestId("dossier-status")).toHaveTextContent("Đã nộp, chờ xem xét"),
    );
    expect(api.requests(submitPath)).toHaveLength(1);
    expect(await screen.findByText("Đã nộp hồ sơ (lần 1)")).toBeInTheDocument();
    // Submitted: the base can no longer submit (the closing dialog aside), and it does not decide.
    const onPage = screen
      .queryAllByRole("button", { name: /Nộp hồ sơ lên Tỉnh ủy/ })
      .filter((button) => button.closest(".ant-modal") === null);
    expect(onPage).toEqual([]);
    expect(screen.queryByRole("button", { name: /Tiếp nhận/ })).not.toBeInTheDocument();
  });

  it("shows why the province refuses a submission (409 with its detail)", async () => {
    startSession();
    const api = stubApi({
      "GET /api/v1/organizations": () => json(orgTree),
      [leadersPath]: () => json(leadersDossierDetail()),
      [submitPath]: () =>
        problem(
          409,
          "dossier_incomplete",
          "Hồ sơ chưa đủ: D2: Trần Văn Bình chưa nộp bản tự kiểm điểm",
        ),
    });
    renderPage(<DossierPage me={baseCommittee} org={10} year={year} />, leadersPage);

    await userEvent.click(await screen.findByRole("button", { name: /Nộp hồ sơ lên Tỉnh ủy/ }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.click(
      await within(dialog).findByRole("button", { name: "Nộp hồ sơ lên Tỉnh ủy" }),
    );

    const refused = await screen.findByTestId("submit-refused");
    expect(refused).toHaveTextContent("Hồ sơ chưa đủ để nộp");
    expect(refused).toHaveTextContent("Hồ sơ chưa đủ: D2: Trần Văn Bình chưa nộp bản tự kiểm điểm");
    expect(api.requests(submitPath)).toHaveLength(1);
    expect(api.requests(`POST /api/v1/dossiers/10/${year}/submit`)).toHaveLength(0);
  });

  it("lets the province's committee accept, and return only with a comment", async () => {
    startSession();
    const api = stubApi({
      "GET /api/v1/organizations": () => json(provinceTree),
      [leadersPath]: () => json(submitted()),
      [decisionPath]: () => json(dossierStatus({ kind: "leaders", status: "accepted" })),
    });
    renderPage(<DossierPage me={provinceCommittee} org={10} year={year} />, leadersPage);

    await userEvent.click(await screen.findByRole("button", { name: /Trả lại/ }));
    let dialog = await screen.findByRole("dialog");
    await userEvent.click(await within(dialog).findByRole("button", { name: "Trả lại" }));
    expect(
      await within(dialog).findByText("Hãy ghi nội dung cần bổ sung, sửa chữa"),
    ).toBeInTheDocument();
    expect(api.requests(decisionPath)).toHaveLength(0);
    await userEvent.click(within(dialog).getByRole("button", { name: "Hủy" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());

    await userEvent.click(await screen.findByRole("button", { name: /Tiếp nhận/ }));
    dialog = await screen.findByRole("dialog");
    await userEvent.click(await within(dialog).findByRole("button", { name: "Tiếp nhận" }));

    expect(await screen.findByText("Đã tiếp nhận hồ sơ")).toBeInTheDocument();
    expect(api.requests(decisionPath)).toHaveLength(1);
    expect(await api.requests(decisionPath)[0].json()).toEqual({
      decision: "accept",
      comment: null,
    });
    expect(api.requests(`POST /api/v1/dossiers/10/${year}/decision`)).toHaveLength(0);
  });

  it("does not offer the city's committee a decision on it, only on the base's dossier", async () => {
    startSession();
    stubApi({
      "GET /api/v1/organizations": () => json(provinceTree),
      [leadersPath]: () => json(submitted()),
      [basePath]: () =>
        json(dossierDetail({ status: "submitted", latest: submission(), submissions: [submission()] })),
    });
    renderPage(<DossierPage me={districtCommittee} org={10} year={year} />, leadersPage);

    await waitFor(() =>
      expect(screen.getByTestId("dossier-status")).toHaveTextContent("Đã nộp, chờ xem xét"),
    );
    // Once the organisations are known (the way back leads to the city's list), the province
    // is above the city: the city's committee is not the province's.
    await waitFor(() =>
      expect(screen.getByRole("link", { name: /Danh sách hồ sơ/ })).toHaveAttribute(
        "href",
        `/dossiers?org=1&year=${year}&kind=leaders`,
      ),
    );
    expect(screen.queryByRole("button", { name: /Tiếp nhận/ })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Trả lại/ })).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole("tab", { name: "Hồ sơ gửi cấp ủy cấp trên" }));
    expect(await screen.findByRole("button", { name: /Tiếp nhận/ })).toBeInTheDocument();
  });
});

describe("the list of the leaders' dossiers", () => {
  it("asks for kind=leaders and links each base to its leaders' tab", async () => {
    startSession();
    const api = stubApi({
      "GET /api/v1/organizations": () => json(orgTree),
      "GET /api/v1/dossiers": (request) =>
        json(
          new URL(request.url).searchParams.get("kind") === "leaders"
            ? districtDossiers.map((row) => ({ ...row, kind: "leaders", deadline: `${year}-12-15` }))
            : districtDossiers,
        ),
    });
    renderPage(<DossiersPage />, "/dossiers");

    await screen.findByTestId("dossiers");
    await userEvent.click(await screen.findByText("Hồ sơ cán bộ lãnh đạo"));

    await waitFor(() =>
      expect(
        within(screen.getByTestId("dossiers")).getAllByText(`15/12/${year}`),
      ).toHaveLength(3),
    );
    const queries = api
      .requests("GET /api/v1/dossiers")
      .map((request) => new URL(request.url).searchParams.toString());
    expect(queries).toEqual([
      `organization_id=1&year=${year}`,
      `organization_id=1&year=${year}&kind=leaders`,
    ]);
    expect(screen.getByRole("link", { name: "Đảng bộ phường Hưng Dũng" })).toHaveAttribute(
      "href",
      `/dossiers/12/${year}?kind=leaders`,
    );
  });
});
