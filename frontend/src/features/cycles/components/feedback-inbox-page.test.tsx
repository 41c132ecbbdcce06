import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { feedbackRequest } from "@/features/cycles/testing/fixtures";
import { toApiDay, todayInVietnam } from "@/lib/format";
import { json, meWith, paged, problem, startSession, stubApi } from "@/testing/api";
import { captureDownloads } from "@/testing/download";
import { renderApp } from "@/testing/render-app";

const answerPath = "/api/v1/cycles/9/feedback-requests/41/answer";

function providerApi(extra: Record<string, (r: Request) => Response> = {}) {
  return stubApi({
    "GET /api/v1/auth/me": () =>
      json(meWith("feedback_provider", 30, "Chi bộ Khoa Toán", "Công đoàn Khoa Toán")),
    "GET /api/v1/notifications": paged([]),
    "GET /api/v1/feedback-requests": paged([
      feedbackRequest({ overdue: true }),
      feedbackRequest({
        id: 42,
        member_id: 6,
        member_name: "Lê Văn Hùng",
        source: "residence",
        cluster: null,
        led_by: null,
        delivery: "post",
        due_on: "2026-11-20",
        returned_on: "2026-11-18",
        content: "Gương mẫu ở khu dân cư",
        late: true,
        return_envelope: true,
      }),
    ]),
    ...extra,
  });
}

function rowOf(table: HTMLElement, name: string): HTMLElement {
  return within(table).getByText(name).closest("tr") as HTMLElement;
}

describe("feedback inbox", () => {
  it("lists the provider's requests with their source, due date and status", async () => {
    startSession();
    providerApi();
    renderApp("/feedback");

    const table = await screen.findByTestId("feedback-inbox");
    await within(table).findByText("Nguyễn Thị Lan");
    const lan = rowOf(table, "Nguyễn Thị Lan");
    expect(lan).toHaveTextContent("Nơi làm việc");
    expect(lan).toHaveTextContent("16/11/2026");
    expect(within(lan).getByText("Quá hạn")).toBeInTheDocument();
    expect(lan).toHaveTextContent("Chưa trả lời");
    // Only a residence request has a letter to the residence committee.
    expect(within(lan).queryByText("Tải thư đề nghị")).not.toBeInTheDocument();

    const hung = rowOf(table, "Lê Văn Hùng");
    expect(hung).toHaveTextContent("Nơi cư trú");
    expect(hung).toHaveTextContent("Đã trả lời 18/11/2026");
    expect(within(hung).queryByText("Quá hạn")).not.toBeInTheDocument();
    expect(within(hung).getByText("Tải thư đề nghị")).toBeInTheDocument();
    expect(within(hung).getByText("Trả muộn")).toBeInTheDocument();
    expect(within(hung).getByText("Có phong bì dán tem")).toBeInTheDocument();
    expect(within(lan).queryByText("Trả muộn")).not.toBeInTheDocument();
    expect(within(lan).queryByText("Có phong bì dán tem")).not.toBeInTheDocument();
    // The provider's menu leads here.
    expect(screen.getByRole("link", { name: "Lấy ý kiến" })).toHaveAttribute("href", "/feedback");
  });

  it("prints the residence letter as PDF (issue #16)", async () => {
    startSession();
    const letter = "GET /api/v1/cycles/9/feedback-requests/42/letter";
    const api = providerApi({
      [letter]: () =>
        new Response("%PDF-1.7", {
          headers: {
            "content-type": "application/pdf",
            "content-disposition": 'attachment; filename="phieu-xin-y-kien-noi-cu-tru.pdf"',
          },
        }),
    });
    const clicked = captureDownloads();
    renderApp("/feedback");

    const table = await screen.findByTestId("feedback-inbox");
    const hung = (await within(table).findByText("Lê Văn Hùng")).closest("tr") as HTMLElement;
    // By its text, not its role: computing every accessible name of the row's controls took
    // jsdom 15 s, and userEvent's pointer checks 7 more (the test timed out under load).
    const print = within(hung).getByText(/In thư \(PDF\)/).closest("button") as HTMLElement;
    fireEvent.click(print);
    await waitFor(() => expect(clicked).toEqual(["phieu-xin-y-kien-noi-cu-tru.pdf"]));
    expect(new URL(api.requests(letter)[0].url).searchParams.get("format")).toBe("pdf");
  });

  it("asks only for the open requests when told to", async () => {
    startSession();
    const api = providerApi();
    renderApp("/feedback");

    await screen.findByTestId("feedback-inbox");
    await userEvent.click(screen.getByLabelText("Chỉ hiện yêu cầu chưa trả lời"));

    await waitFor(() => expect(api.requests("GET /api/v1/feedback-requests")).toHaveLength(2));
    const [all, open] = api.requests("GET /api/v1/feedback-requests");
    expect(new URL(all.url).searchParams.get("open")).toBeNull();
    expect(new URL(open.url).searchParams.get("open")).toBe("true");
  });

  it("posts the answer, and shows why a closed phase refuses it", async () => {
    startSession();
    const api = providerApi({
      [`POST ${answerPath}`]: () =>
        problem(409, "phase_closed", "Giai đoạn lấy ý kiến này đã đóng"),
    });
    renderApp("/feedback");

    const table = await screen.findByTestId("feedback-inbox");
    await within(table).findByText("Nguyễn Thị Lan");
    await userEvent.click(within(rowOf(table, "Nguyễn Thị Lan")).getByText("Trả lời"));

    const dialog = await screen.findByRole("dialog", {
      name: "Ý kiến về đảng viên Nguyễn Thị Lan",
    });
    const content = within(dialog).getByLabelText("Nội dung ý kiến");
    await userEvent.type(content, "Nhiệt tình, trách nhiệm");
    await userEvent.click(within(dialog).getByLabelText("Đề nghị mức xếp loại"));
    const options = await screen.findAllByTitle("Hoàn thành tốt nhiệm vụ");
    await userEvent.click(options.at(-1) as HTMLElement);
    await userEvent.click(within(dialog).getByRole("button", { name: "Lưu" }));

    expect(await within(dialog).findByRole("alert")).toHaveTextContent(
      "Giai đoạn lấy ý kiến này đã đóng",
    );
    const [request] = api.requests(`POST ${answerPath}`);
    expect(await request.json()).toEqual({
      content: "Nhiệt tình, trách nhiệm",
      proposed_level: "good",
      returned_on: toApiDay(todayInVietnam()),
    });
  });

  it("shows an invalid field under it", async () => {
    startSession();
    providerApi({
      [`POST ${answerPath}`]: () =>
        problem(422, "validation", "Dữ liệu không hợp lệ", [
          {
            field: "proposed_level",
            code: "invalid_choice",
            message: "Mức đề nghị không hợp lệ",
          },
        ]),
    });
    renderApp("/feedback");

    const table = await screen.findByTestId("feedback-inbox");
    await within(table).findByText("Nguyễn Thị Lan");
    await userEvent.click(within(rowOf(table, "Nguyễn Thị Lan")).getByText("Trả lời"));
    const dialog = await screen.findByRole("dialog", {
      name: "Ý kiến về đảng viên Nguyễn Thị Lan",
    });
    await userEvent.type(within(dialog).getByLabelText("Nội dung ý kiến"), "Tốt");
    await userEvent.click(within(dialog).getByRole("button", { name: "Lưu" }));

    expect(await within(dialog).findByText("Mức đề nghị không hợp lệ")).toBeInTheDocument();
  });
});
