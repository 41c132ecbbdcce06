import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { components } from "@/api/schema";
import { cycle } from "@/features/cycles/testing/fixtures";
import {
  resultRecord,
  roll,
  rollMember,
  votingSession,
} from "@/features/cycles/testing/voting-fixtures";
import { bearer, json, meWith, paged, problem, startSession, stubApi } from "@/testing/api";
import { captureDownloads } from "@/testing/download";
import { renderApp } from "@/testing/render-app";

type Handler = (request: Request) => Response | Promise<Response>;
type VotingSession = components["schemas"]["VotingSession"];
type AttachmentRecord = components["schemas"]["AttachmentRecord"];

const notePath = "PUT /api/v1/voting-sessions/41/members/3/meeting-note";
const minutesPath = "PUT /api/v1/voting-sessions/41/tally-minutes";
const scansPath = "GET /api/v1/voting-sessions/41/attachments";
const uploadPath = "POST /api/v1/voting-sessions/41/attachments";
const finalizePath = "POST /api/v1/voting-sessions/41/finalize";

function sessionApi(session: () => Response, extra: Record<string, Handler> = {}) {
  return stubApi({
    "GET /api/v1/auth/me": () => json(meWith("branch_committee", 30, "Chi bộ Khoa Toán")),
    "GET /api/v1/notifications": paged([]),
    "GET /api/v1/cycles/9": () => json(cycle),
    "GET /api/v1/voting-sessions/41": session,
    [scansPath]: () => json([]),
    ...extra,
  });
}

/** The session with its outcome: An good, Bình and Cường completed (the engine's M9 reminder). */
function withCompleted(changes: Partial<VotingSession> = {}): VotingSession {
  const session = votingSession(changes);
  const level = (id: string) => (id === "1" ? "good" : "completed");
  return {
    ...session,
    outcome: session.outcome && {
      ...session.outcome,
      results: session.roll.map((member) => ({
        id: member.input.id,
        status: "classified",
        level: level(member.input.id),
        cap: "excellent",
        reasons: ["M6"],
        explanation: "",
      })),
      warnings: session.roll
        .filter((member) => level(member.input.id) === "completed")
        .map((member) => ({
          code: "M9-remedy",
          member_id: member.input.id,
          message: "Đảng viên xếp loại hoàn thành nhiệm vụ phải ghi rõ khuyết điểm",
        })),
    },
  };
}

const binhNoted = rollMember(2, "Trần Thị Bình", {
  note: {
    opinions: "Tích cực",
    shortcomings: "Chậm nộp báo cáo",
    remedy_by: "2027-03-31",
    updated_by: "Nguyễn Văn An",
    updated_at: "2026-12-10T03:00:00Z",
  },
});

function rowOf(name: string): HTMLElement {
  const table = screen.getByTestId("voting-roll");
  return within(table).getByText(name).closest("tr") as HTMLElement;
}

function itemOf(label: string): HTMLElement {
  return screen.getByLabelText(label).closest(".ant-form-item") as HTMLElement;
}

function scan(changes: Partial<AttachmentRecord> = {}): AttachmentRecord {
  return {
    id: 7,
    cycle_id: 9,
    record_kind: "voting_session",
    record_id: 41,
    title: "Biên bản kiểm phiếu đã ký",
    file_name: "bien-ban-da-ky.pdf",
    media_type: "application/pdf",
    size: 12_600,
    sha256: "ab".repeat(32),
    uploaded_by: "Nguyễn Văn An",
    uploaded_at: "2026-12-10T03:00:00Z",
    href: "/api/v1/attachments/7",
    ...changes,
  };
}

describe("voting session records (issue #16)", () => {
  it("lists the completed members lacking shortcomings above Finalize, and shows its 409", async () => {
    startSession();
    const api = sessionApi(
      () => json(withCompleted({ roll: [roll[0], binhNoted, roll[2]] })),
      {
        [finalizePath]: () =>
          problem(
            409,
            "shortcomings_missing",
            "Cần ghi khuyết điểm và hạn khắc phục của đảng viên hoàn thành nhiệm vụ (M9): Lê Văn Cường",
          ),
      },
    );
    renderApp("/voting-sessions/41");

    // Bình has them; Cường not: only he is listed, and tagged in the roll.
    const missing = await screen.findByTestId("shortcomings-missing");
    expect(missing).toHaveTextContent(
      "Cần ghi khuyết điểm và hạn khắc phục trước khi chốt kết quả (M9)",
    );
    expect(within(missing).getByRole("button", { name: "Lê Văn Cường" })).toBeInTheDocument();
    expect(within(missing).queryByText("Trần Thị Bình")).not.toBeInTheDocument();
    expect(within(rowOf("Lê Văn Cường")).getByText("Cần ghi khuyết điểm")).toBeInTheDocument();
    expect(within(rowOf("Trần Thị Bình")).queryByText("Cần ghi khuyết điểm")).toBeNull();
    expect(within(rowOf("Trần Thị Bình")).getByText(/Chậm nộp báo cáo/)).toHaveTextContent(
      "Khuyết điểm: Chậm nộp báo cáo (hạn khắc phục 31/03/2027)",
    );
    // The engine's own reminder is replaced by the list above.
    expect(screen.queryByTestId("session-warnings")).not.toBeInTheDocument();

    // Finalizing anyway: the server's detail is shown.
    await userEvent.click(screen.getByRole("button", { name: /Chốt kết quả/ }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.click(within(dialog).getByRole("button", { name: "Chốt kết quả" }));
    await waitFor(() => expect(api.requests(finalizePath)).toHaveLength(1));
    expect(await screen.findByTestId("session-problem")).toHaveTextContent(
      "Cần ghi khuyết điểm và hạn khắc phục của đảng viên hoàn thành nhiệm vụ (M9): Lê Văn Cường",
    );

    // The name in the warning opens the member's note.
    await userEvent.click(within(missing).getByRole("button", { name: "Lê Văn Cường" }));
    expect(
      await screen.findByText("Ý kiến, khuyết điểm — Lê Văn Cường"),
    ).toBeInTheDocument();
  });

  it("records a member's opinions, shortcomings and remedy date from the drawer", async () => {
    startSession();
    let cuong = rollMember(3, "Lê Văn Cường");
    const api = sessionApi(() => json(withCompleted({ roll: [roll[0], binhNoted, cuong] })), {
      [notePath]: async (request) => {
        const body = (await request.clone().json()) as Record<string, string>;
        const note = {
          opinions: body.opinions,
          shortcomings: body.shortcomings,
          remedy_by: body.remedy_by,
          updated_by: "Nguyễn Văn An",
          updated_at: "2026-12-10T04:00:00Z",
        };
        cuong = { ...cuong, note };
        return json(note);
      },
    });
    renderApp("/voting-sessions/41");

    await screen.findByTestId("voting-roll");
    await userEvent.click(
      within(rowOf("Lê Văn Cường")).getByRole("button", {
        name: "Ý kiến, khuyết điểm Lê Văn Cường",
      }),
    );
    const drawer = await screen.findByRole("dialog");
    expect(within(drawer).getByText(/phải ghi rõ khuyết điểm và thời hạn khắc phục/)).toBeVisible();
    expect(within(drawer).getByText("Sau ngày họp (10/12/2026)")).toBeInTheDocument();
    await userEvent.type(within(drawer).getByLabelText("Ý kiến của chi bộ"), "Nhiệt tình");
    await userEvent.type(
      within(drawer).getByLabelText("Khuyết điểm cần khắc phục"),
      "Chưa đi họp đều",
    );
    // A shortcoming without a date is not sent.
    await userEvent.click(within(drawer).getByRole("button", { name: "Lưu" }));
    expect(
      await within(drawer).findByText("Cần hạn khắc phục cho khuyết điểm"),
    ).toBeInTheDocument();
    expect(api.requests(notePath)).toHaveLength(0);

    const date = within(drawer).getByLabelText("Hạn khắc phục");
    await userEvent.click(date);
    await userEvent.type(date, "31/03/2027");
    await userEvent.tab();
    await userEvent.click(within(drawer).getByRole("button", { name: "Lưu" }));
    await waitFor(() => expect(api.requests(notePath)).toHaveLength(1));
    expect(await api.requests(notePath)[0].json()).toEqual({
      opinions: "Nhiệt tình",
      shortcomings: "Chưa đi họp đều",
      remedy_by: "2027-03-31",
    });

    // The session comes back with the note: nobody lacks shortcomings any more.
    expect(await screen.findByText("Đã lưu ý kiến, khuyết điểm")).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.queryByTestId("shortcomings-missing")).not.toBeInTheDocument(),
    );
    expect(within(rowOf("Lê Văn Cường")).getByText(/Chưa đi họp đều/)).toHaveTextContent(
      "Khuyết điểm: Chưa đi họp đều (hạn khắc phục 31/03/2027)",
    );
  });

  it("saves the tally minutes and shows the server's 422 under its field", async () => {
    startSession();
    const api = sessionApi(
      () =>
        json(
          votingSession({
            tally_minutes: {
              ballots_issued: 3,
              ballots_returned: 3,
              ballots_valid: 3,
              ballots_invalid: 0,
              counting_committee: ["Trần Văn Kiểm"],
              chaired_by: "Nguyễn Văn An",
              recorded_by: "Lê Thị Thư",
              updated_by: "Nguyễn Văn An",
              updated_at: "2026-12-10T03:00:00Z",
            },
          }),
        ),
      {
        [minutesPath]: () =>
          problem(422, "validation_failed", "Dữ liệu không hợp lệ", [
            {
              field: "ballots_issued",
              code: "over_present",
              message: "Số phiếu phát ra vượt số đảng viên có quyền biểu quyết có mặt (3)",
            },
            {
              field: "counting_committee[1]",
              code: "length",
              message: "Cần họ tên (tối đa 120 ký tự)",
            },
          ]),
      },
    );
    renderApp("/voting-sessions/41");

    // Prefilled from the recorded minutes.
    const card = await screen.findByTestId("tally-minutes");
    expect(within(card).getByLabelText("Số phiếu phát ra")).toHaveValue("3");
    expect(within(card).getByLabelText("Thành viên ban kiểm phiếu 1")).toHaveValue(
      "Trần Văn Kiểm",
    );
    expect(within(card).getByLabelText("Thư ký")).toHaveValue("Lê Thị Thư");
    expect(within(card).getByTestId("tally-minutes-updated")).toHaveTextContent(
      "Cập nhật lần cuối: Nguyễn Văn An, 10/12/2026 10:00",
    );

    const issued = within(card).getByLabelText("Số phiếu phát ra");
    await userEvent.clear(issued);
    await userEvent.type(issued, "4");
    await userEvent.click(within(card).getByRole("button", { name: /Thêm thành viên/ }));
    await userEvent.type(
      within(card).getByLabelText("Thành viên ban kiểm phiếu 2"),
      "Phạm Thị Đếm",
    );
    await userEvent.click(within(card).getByRole("button", { name: /Lưu biên bản/ }));
    await waitFor(() => expect(api.requests(minutesPath)).toHaveLength(1));
    expect(await api.requests(minutesPath)[0].json()).toEqual({
      ballots_issued: 4,
      ballots_returned: 3,
      ballots_valid: 3,
      ballots_invalid: 0,
      counting_committee: ["Trần Văn Kiểm", "Phạm Thị Đếm"],
      chaired_by: "Nguyễn Văn An",
      recorded_by: "Lê Thị Thư",
    });
    await waitFor(() =>
      expect(itemOf("Số phiếu phát ra")).toHaveTextContent(
        "Số phiếu phát ra vượt số đảng viên có quyền biểu quyết có mặt (3)",
      ),
    );
    expect(itemOf("Thành viên ban kiểm phiếu 2")).toHaveTextContent(
      "Cần họ tên (tối đa 120 ký tự)",
    );
    expect(itemOf("Số phiếu thu vào")).not.toHaveTextContent("vượt");
  });

  it("uploads a signed scan as the raw body, lists it, downloads and deletes it", async () => {
    startSession("access-3");
    let scans: AttachmentRecord[] = [];
    const api = sessionApi(() => json(votingSession()), {
      [scansPath]: () => json(scans),
      [uploadPath]: () => {
        scans = [scan()];
        return json(scans[0], 201);
      },
      "GET /api/v1/attachments/7": () =>
        new Response("%PDF-1.7", {
          headers: {
            "content-type": "application/pdf",
            "content-disposition": 'attachment; filename="bien-ban-da-ky.pdf"',
          },
        }),
      "DELETE /api/v1/attachments/7": () => {
        scans = [];
        return new Response(null, { status: 204 });
      },
    });
    const saved = captureDownloads();
    renderApp("/voting-sessions/41");

    const card = await screen.findByTestId("session-scans");
    expect(within(card).getByLabelText("Tên văn bản")).toHaveValue("Biên bản kiểm phiếu đã ký");
    expect(await within(card).findByText("Chưa có bản quét nào")).toBeInTheDocument();
    const file = new File(["%PDF-1.7 signed"], "bien-ban-da-ky.pdf", {
      type: "application/pdf",
    });
    await userEvent.upload(card.querySelector('input[type="file"]') as HTMLInputElement, file);
    await waitFor(() => expect(api.requests(uploadPath)).toHaveLength(1));
    const sent = api.requests(uploadPath)[0];
    expect(sent.headers.get("Content-Type")).toBe("application/pdf");
    expect(bearer(sent)).toBe("Bearer access-3");
    const query = new URL(sent.url).searchParams;
    expect(query.get("title")).toBe("Biên bản kiểm phiếu đã ký");
    expect(query.get("file_name")).toBe("bien-ban-da-ky.pdf");
    expect(await sent.text()).toBe("%PDF-1.7 signed");

    const row = (await within(card).findByText("bien-ban-da-ky.pdf")).closest("tr") as HTMLElement;
    expect(row).toHaveTextContent("12,3 KB");
    expect(row).toHaveTextContent("10/12/2026 10:00");
    await userEvent.click(within(row).getByLabelText("Tải về Biên bản kiểm phiếu đã ký"));
    await waitFor(() => expect(saved).toEqual(["bien-ban-da-ky.pdf"]));

    await userEvent.click(within(row).getByLabelText("Xóa Biên bản kiểm phiếu đã ký"));
    const confirm = await screen.findByRole("dialog");
    expect(confirm).toHaveTextContent("Xóa bản quét bien-ban-da-ky.pdf?");
    await userEvent.click(within(confirm).getByRole("button", { name: "Xóa" }));
    await waitFor(() => expect(api.requests("DELETE /api/v1/attachments/7")).toHaveLength(1));
    expect(await within(card).findByText("Chưa có bản quét nào")).toBeInTheDocument();
  });

  it("offers the minutes as a PDF to print", async () => {
    startSession();
    const api = sessionApi(() => json(votingSession()), {
      "GET /api/v1/voting-sessions/41/minutes": () =>
        new Response("%PDF-1.7", {
          headers: {
            "content-type": "application/pdf",
            "content-disposition": 'attachment; filename="bien-ban-kiem-phieu-41.pdf"',
          },
        }),
    });
    const saved = captureDownloads();
    renderApp("/voting-sessions/41");

    await userEvent.hover(await screen.findByRole("button", { name: /Biên bản/ }));
    await userEvent.click(await screen.findByText("In biên bản (PDF)"));
    await waitFor(() => expect(saved).toEqual(["bien-ban-kiem-phieu-41.pdf"]));
    const [request] = api.requests("GET /api/v1/voting-sessions/41/minutes");
    expect(new URL(request.url).searchParams.get("format")).toBe("pdf");
  });

  it("shows the shortcomings and the remedy date in the finalized results", async () => {
    startSession();
    sessionApi(() =>
      json(
        votingSession({
          status: "finalized",
          results: [
            resultRecord({
              member_id: 3,
              full_name: "Lê Văn Cường",
              level: "completed",
              cap: "excellent",
              reasons: ["M6"],
              shortcomings: "Chưa đi họp đều",
              remedy_by: "2027-03-31",
            }),
          ],
        }),
      ),
    );
    renderApp("/voting-sessions/41");

    const results = await screen.findByTestId("voting-results");
    const cell = within(results).getByTestId("result-shortcomings");
    expect(cell).toHaveTextContent("Chưa đi họp đều");
    expect(cell).toHaveTextContent("Hạn khắc phục: 31/03/2027");
    // Finalized: the notes are no longer written.
    expect(
      screen.queryByRole("button", { name: /Ý kiến, khuyết điểm/ }),
    ).not.toBeInTheDocument();
  });
});
