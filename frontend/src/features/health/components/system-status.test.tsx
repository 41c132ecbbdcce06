import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { json, problem } from "@/testing/api";
import { renderApp } from "@/testing/render-app";

function stubFetch(...answers: Array<() => Promise<Response>>) {
  const fetch = vi.fn<(request: Request) => Promise<Response>>();
  for (const answer of answers) fetch.mockImplementationOnce(answer);
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

const ready = () => Promise.resolve(json({ status: "ok", database: "sqlite" }));

const unavailable = () =>
  Promise.resolve(problem(503, "database_unavailable", "Cơ sở dữ liệu không truy cập được"));

describe("status page", () => {
  it("shows a ready system with its database and the time of the check", async () => {
    const fetch = stubFetch(ready);
    renderApp("/status");

    expect(await screen.findByText("Hệ thống sẵn sàng")).toBeInTheDocument();
    expect(screen.getByTestId("status-database")).toHaveTextContent("SQLite");
    expect(screen.getByTestId("status-checked-at").textContent).toMatch(
      /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/,
    );
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(new URL(fetch.mock.calls[0][0].url).pathname).toBe("/health/ready");
  });

  it("shows the problem's detail when the server answers 503", async () => {
    stubFetch(unavailable);
    renderApp("/status");

    expect(await screen.findByText("Hệ thống chưa sẵn sàng")).toBeInTheDocument();
    expect(screen.getByTestId("status-detail")).toHaveTextContent(
      "Cơ sở dữ liệu không truy cập được",
    );
    expect(screen.queryByText("Hệ thống sẵn sàng")).not.toBeInTheDocument();
  });

  it("shows that the server cannot be reached when fetch fails", async () => {
    const fetch = stubFetch(() => Promise.reject(new TypeError("Failed to fetch")));
    renderApp("/status");

    expect(await screen.findByText("Không kết nối được máy chủ")).toBeInTheDocument();
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(screen.queryByText("Hệ thống sẵn sàng")).not.toBeInTheDocument();
  });

  it("checks again when the user asks and shows the new answer", async () => {
    const fetch = stubFetch(unavailable, ready);
    renderApp("/status");

    await screen.findByText("Hệ thống chưa sẵn sàng");
    await userEvent.click(screen.getByRole("button", { name: /Kiểm tra lại/ }));

    expect(await screen.findByText("Hệ thống sẵn sàng")).toBeInTheDocument();
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});
