import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { SelfReview } from "@/features/cycles/api/self-reviews";
import {
  cycle,
  member,
  memberPage,
  selfReview,
  suggestion,
} from "@/features/cycles/testing/fixtures";
import { cycleList, json, meWith, paged, problem, startSession, stubApi } from "@/testing/api";
import { attachment, captureDownloads } from "@/testing/download";
import { renderApp } from "@/testing/render-app";

const reviewPath = "/api/v1/cycles/9/members/5/self-review";

/** The page's own "Nộp" (a confirmation still closing may have one too, after it). */
const submitButton = async () => (await screen.findAllByRole("button", { name: /Nộp/ }))[0];

/** Clicks "Nộp", reads the warning that it locks the self-review, and confirms. */
async function submitConfirmed(button: HTMLElement) {
  await userEvent.click(button);
  // The latest confirmation (jsdom runs no closing animation: an earlier one may linger).
  const dialog = (await screen.findAllByRole("dialog")).at(-1)!;
  expect(dialog).toHaveTextContent("Nộp bản tự kiểm điểm?");
  expect(dialog).toHaveTextContent(
    "Sau khi nộp, bạn không sửa được bản tự kiểm điểm nữa, trừ khi chi ủy trả lại để sửa.",
  );
  await userEvent.click(within(dialog).getByRole("button", { name: "Nộp" }));
}

function memberApi(review: () => Response, extra: Record<string, (r: Request) => Response> = {}) {
  return stubApi({
    "GET /api/v1/auth/me": () =>
      json({ ...meWith("member", 30, "Chi bộ Khoa Toán"), read_scopes: [] }),
    "GET /api/v1/notifications": paged([]),
    "GET /api/v1/members": () => memberPage([member(5, "Nguyễn Thị Lan")]),
    "GET /api/v1/cycles": cycleList([cycle]),
    "GET /api/v1/cycles/9/suggestions": paged([]),
    [`GET ${reviewPath}`]: review,
    ...extra,
  });
}

/**
 * The server's side of a self-review: each version answered with its tag (`"sr-vN"`), a save
 * naming another version refused (412), an accepted one saved as the next version.
 */
function taggedReview(initial: SelfReview) {
  const review = {
    current: initial,
    answer: () =>
      new Response(JSON.stringify(review.current), {
        headers: { "content-type": "application/json", ETag: `"sr-v${review.current.version}"` },
      }),
    save: (request: Request) => {
      if (request.headers.get("If-Match") !== `"sr-v${review.current.version}"`) {
        return problem(412, "precondition_failed", "Bản ghi đã bị người khác sửa");
      }
      review.current = selfReview({ status: "draft", version: review.current.version + 1 });
      return review.answer();
    },
  };
  return review;
}

describe("my self-review", () => {
  it("saves a draft with the sections as written", async () => {
    startSession();
    const api = memberApi(() => json(selfReview()), {
      [`PUT ${reviewPath}`]: () => json(selfReview({ status: "draft", version: 1 })),
    });
    renderApp("/my-review");

    expect(await screen.findByTestId("review-status")).toHaveTextContent("Chưa bắt đầu");
    await userEvent.type(screen.getByLabelText("1. Tư tưởng chính trị"), "Kiên định");
    await userEvent.click(screen.getByRole("button", { name: /Lưu nháp/ }));

    await waitFor(() => expect(api.requests(`PUT ${reviewPath}`)).toHaveLength(1));
    const body = (await api.requests(`PUT ${reviewPath}`)[0].json()) as Record<string, unknown>;
    expect(body.political_ideology).toBe("Kiên định");
    expect(body.remedies).toBe("");
    expect(body.self_assessed_level).toBeNull();
    expect(api.requests(`POST ${reviewPath}/submit`)).toHaveLength(0);
  });

  it("names the version read in If-Match and warns when someone else saved meanwhile", async () => {
    startSession();
    // The secretary enters the paper form (version 1) while the member types hers.
    const review = taggedReview(selfReview());
    const api = memberApi(review.answer, { [`PUT ${reviewPath}`]: review.save });
    renderApp("/my-review");

    await userEvent.type(await screen.findByLabelText("1. Tư tưởng chính trị"), "Kiên định");
    review.current = selfReview({ status: "draft", version: 1, on_behalf: true });
    await userEvent.click(screen.getByRole("button", { name: /Lưu nháp/ }));

    await waitFor(() =>
      expect(screen.getByTestId("review-stale")).toHaveTextContent("phiên bản 1"),
    );
    const refused = api.requests(`PUT ${reviewPath}`)[0];
    expect(refused.headers.get("If-Match")).toBe('"sr-v0"');
    expect(screen.getByLabelText("1. Tư tưởng chính trị")).toHaveValue("Kiên định");

    // Saving again, after the warning, names the version now read and replaces it.
    await waitFor(() => expect(api.requests(`GET ${reviewPath}`)).toHaveLength(2));
    await userEvent.click(screen.getByRole("button", { name: /Lưu nháp/ }));
    await waitFor(() => expect(api.requests(`PUT ${reviewPath}`)).toHaveLength(2));
    expect(api.requests(`PUT ${reviewPath}`)[1].headers.get("If-Match")).toBe('"sr-v1"');
    await waitFor(() => expect(screen.queryByTestId("review-stale")).not.toBeInTheDocument());
  });

  it("names the version its refused submission saved when it submits again", async () => {
    startSession();
    const review = taggedReview(selfReview({ status: "draft", version: 1 }));
    let submissions = 0;
    const api = memberApi(review.answer, {
      [`PUT ${reviewPath}`]: review.save,
      [`POST ${reviewPath}/submit`]: () => {
        submissions += 1;
        if (submissions === 1) {
          return problem(422, "validation", "Dữ liệu không hợp lệ", [
            { field: "remedies", code: "required", message: "Phần này cần được viết trước khi nộp" },
          ]);
        }
        review.current = { ...review.current, status: "submitted" };
        return json(review.current);
      },
    });
    renderApp("/my-review");

    await submitConfirmed(await submitButton());
    expect(await screen.findByText("Phần này cần được viết trước khi nộp")).toBeInTheDocument();
    await submitConfirmed(await submitButton());

    await waitFor(() => expect(submissions).toBe(2));
    const puts = api.requests(`PUT ${reviewPath}`);
    expect(puts.map((request) => request.headers.get("If-Match"))).toEqual([
      '"sr-v1"',
      '"sr-v2"',
    ]);
    expect(screen.queryByTestId("review-stale")).not.toBeInTheDocument();
  });

  it("asks before submitting, and submits nothing when the member cancels", async () => {
    startSession();
    const api = memberApi(() => json(selfReview({ status: "draft", version: 1 })));
    renderApp("/my-review");

    await userEvent.click(await screen.findByRole("button", { name: /Nộp/ }));
    const dialog = await screen.findByRole("dialog");
    expect(dialog).toHaveTextContent("trừ khi chi ủy trả lại để sửa");
    await userEvent.click(within(dialog).getByRole("button", { name: "Hủy" }));

    await waitFor(() => expect(dialog.className).toContain("leave"));
    expect(api.requests(`POST ${reviewPath}/submit`)).toHaveLength(0);
    expect(api.requests(`PUT ${reviewPath}`)).toHaveLength(0);
  });

  it("marks every missing section when the submission is refused", async () => {
    startSession();
    memberApi(() => json(selfReview({ status: "draft", version: 1 })), {
      [`PUT ${reviewPath}`]: () => json(selfReview({ status: "draft", version: 2 })),
      [`POST ${reviewPath}/submit`]: () =>
        problem(422, "validation", "Dữ liệu không hợp lệ", [
          { field: "remedies", code: "required", message: "Phần này cần được viết trước khi nộp" },
          { field: "self_assessed_level", code: "required", message: "Cần tự nhận mức xếp loại" },
        ]),
    });
    renderApp("/my-review");

    await submitConfirmed(await submitButton());

    expect(await screen.findByText("Phần này cần được viết trước khi nộp")).toBeInTheDocument();
    expect(screen.getByText("Cần tự nhận mức xếp loại")).toBeInTheDocument();
    expect(screen.getByLabelText("6. Biện pháp khắc phục")).toHaveAttribute(
      "aria-invalid",
      "true",
    );
    expect(screen.getByLabelText("1. Tư tưởng chính trị")).not.toHaveAttribute(
      "aria-invalid",
      "true",
    );
  });

  it("shows the branch committee's comment on a returned self-review", async () => {
    startSession();
    memberApi(() =>
      json(
        selfReview({
          status: "returned",
          version: 3,
          return_comment: "Cần nêu rõ nguyên nhân",
          content: { political_ideology: "Kiên định" },
        }),
      ),
    );
    renderApp("/my-review");

    expect(await screen.findByTestId("review-status")).toHaveTextContent("Bị trả lại");
    expect(screen.getByRole("alert")).toHaveTextContent("Cần nêu rõ nguyên nhân");
    expect(screen.getByLabelText("1. Tư tưởng chính trị")).toHaveValue("Kiên định");
    expect(screen.getByRole("button", { name: /Nộp/ })).toBeEnabled();
  });

  it("shows the suggestions addressed to the member and sends her explanation", async () => {
    startSession();
    const answerPath = "/api/v1/cycles/9/suggestions/61/answer";
    const api = memberApi(() => json(selfReview()), {
      "GET /api/v1/cycles/9/suggestions": paged([
        suggestion(),
        suggestion({
          id: 63,
          member_id: 6,
          subject_name: "Lê Văn Hùng",
          content: "Của người khác",
        }),
      ]),
      [`POST ${answerPath}`]: () =>
        json(suggestion({ status: "answered", explanation: "Do ốm dài ngày" })),
    });
    renderApp("/my-review");

    const mine = await screen.findByTestId("my-suggestions");
    expect(within(mine).getByText("Làm rõ việc chậm nộp báo cáo quý III")).toBeInTheDocument();
    expect(within(mine).queryByText("Của người khác")).not.toBeInTheDocument();
    expect(within(mine).getByText("Chưa giải trình")).toBeInTheDocument();
    await userEvent.click(within(mine).getByRole("button", { name: "Giải trình" }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.type(within(dialog).getByLabelText("Giải trình"), "Do ốm dài ngày");
    await userEvent.click(within(dialog).getByRole("button", { name: "Giải trình" }));

    await waitFor(() => expect(api.requests(`POST ${answerPath}`)).toHaveLength(1));
    expect(await api.requests(`POST ${answerPath}`)[0].json()).toEqual({
      explanation: "Do ốm dài ngày",
    });
  });

  it("prints the self-review as PDF beside the DOCX form", async () => {
    startSession();
    const saved = captureDownloads();
    const api = memberApi(() => json(selfReview({ status: "draft", version: 1 })), {
      [`GET ${reviewPath}/document`]: (request) =>
        new URL(request.url).searchParams.get("format") === "pdf"
          ? attachment("ban-kiem-diem-ca-nhan.pdf", "application/pdf")
          : attachment("ban-kiem-diem-ca-nhan.docx"),
    });
    renderApp("/my-review");

    await userEvent.click(await screen.findByRole("button", { name: /Tải bản PDF để in/ }));
    await waitFor(() => expect(saved).toEqual(["ban-kiem-diem-ca-nhan.pdf"]));
    await userEvent.click(screen.getByRole("button", { name: /Tải bản DOCX/ }));
    await waitFor(() => expect(saved).toHaveLength(2));
    expect(saved[1]).toBe("ban-kiem-diem-ca-nhan.docx");
    const formats = api
      .requests(`GET ${reviewPath}/document`)
      .map((r) => new URL(r.url).searchParams.get("format"));
    expect(formats).toEqual(["pdf", "docx"]);
  });

  it("reminds of last year's shortcomings to remedy above the form", async () => {
    startSession();
    memberApi(() =>
      json(
        selfReview({
          prior_shortcomings: {
            year: 2025,
            shortcomings: "Chưa đóng đảng phí đúng hạn",
            remedy_by: "2026-06-30",
          },
        }),
      ),
    );
    renderApp("/my-review");

    expect(await screen.findByTestId("prior-shortcomings")).toHaveTextContent(
      "Khuyết điểm năm 2025 chi bộ chỉ ra, cần khắc phục trước ngày 30/06/2026: " +
        "Chưa đóng đảng phí đúng hạn. Hãy nêu kết quả khắc phục trong phần Biện pháp khắc phục.",
    );
  });

  it("shows no reminder without prior shortcomings", async () => {
    startSession();
    memberApi(() => json(selfReview({ prior_shortcomings: null })));
    renderApp("/my-review");

    expect(await screen.findByTestId("review-status")).toBeInTheDocument();
    expect(screen.queryByTestId("prior-shortcomings")).not.toBeInTheDocument();
  });
});
