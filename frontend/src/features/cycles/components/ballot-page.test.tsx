import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { sessionSummary } from "@/features/cycles/testing/voting-fixtures";
import { json, meWith, paged, startSession, stubApi } from "@/testing/api";
import { renderApp } from "@/testing/render-app";

const ballotPath = "/api/v1/voting-sessions/42/ballot";

describe("ballot page", () => {
  it("asks a level for every member, then casts them all at once", async () => {
    startSession();
    let voted = false;
    const api = stubApi({
      "GET /api/v1/auth/me": () => json(meWith("member", 30, "Chi bộ Khoa Toán")),
      "GET /api/v1/notifications": paged([]),
      [`GET ${ballotPath}`]: () =>
        json({
          session: sessionSummary({ id: 42, mode: "electronic" }),
          candidates: [
            { member_id: 1, full_name: "Nguyễn Văn An" },
            { member_id: 2, full_name: "Trần Thị Bình" },
          ],
          may_vote: true,
          has_voted: voted,
        }),
      [`POST ${ballotPath}`]: () => {
        voted = true;
        return json({ recorded: true }, 201);
      },
    });
    renderApp("/voting-sessions/42/ballot");

    const an = await screen.findByRole("radiogroup", { name: "Nguyễn Văn An" });
    await userEvent.click(within(an).getByLabelText("Hoàn thành xuất sắc nhiệm vụ"));
    // Every member needs a level.
    await userEvent.click(screen.getByRole("button", { name: "Bỏ phiếu" }));
    expect(await screen.findByText("Hãy chọn một mức")).toBeInTheDocument();
    expect(api.requests(`POST ${ballotPath}`)).toHaveLength(0);

    const binh = screen.getByRole("radiogroup", { name: "Trần Thị Bình" });
    await userEvent.click(within(binh).getByLabelText("Hoàn thành tốt nhiệm vụ"));
    await userEvent.click(screen.getByRole("button", { name: "Bỏ phiếu" }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.click(within(dialog).getByRole("button", { name: "Bỏ phiếu" }));

    await waitFor(() => expect(api.requests(`POST ${ballotPath}`)).toHaveLength(1));
    expect(await api.requests(`POST ${ballotPath}`)[0].json()).toEqual({
      choices: [
        { member_id: 1, level: "excellent" },
        { member_id: 2, level: "good" },
      ],
    });
    expect(await screen.findByText("Đồng chí đã bỏ phiếu")).toBeInTheDocument();
  });

  it("says so when the member has voted already", async () => {
    startSession();
    stubApi({
      "GET /api/v1/auth/me": () => json(meWith("member", 30, "Chi bộ Khoa Toán")),
      "GET /api/v1/notifications": paged([]),
      [`GET ${ballotPath}`]: () =>
        json({
          session: sessionSummary({ id: 42, mode: "electronic" }),
          candidates: [{ member_id: 1, full_name: "Nguyễn Văn An" }],
          may_vote: true,
          has_voted: true,
        }),
    });
    renderApp("/voting-sessions/42/ballot");
    expect(await screen.findByText("Đồng chí đã bỏ phiếu")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Bỏ phiếu" })).not.toBeInTheDocument();
  });
});
