import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { renderApp } from "@/testing/render-app";

describe("app shell", () => {
  it("shows the Vietnamese home page and menu by default", async () => {
    renderApp("/");

    expect(await screen.findByRole("heading", { name: "Tổng quan" })).toBeInTheDocument();
    expect(
      screen.getByRole("heading", {
        name: "kiemdiem — Kiểm điểm, đánh giá, xếp loại đảng viên",
      }),
    ).toBeInTheDocument();
    const menu = screen.getByRole("menu");
    expect(within(menu).getByRole("link", { name: "Tài liệu API" })).toHaveAttribute(
      "href",
      "/api-docs/",
    );
  });

  it("switches the menu to English and remembers the choice", async () => {
    renderApp("/");
    const menu = await screen.findByRole("menu");
    expect(within(menu).getByText("Trạng thái hệ thống")).toBeInTheDocument();

    await userEvent.click(screen.getByText("English"));

    expect(within(menu).getByText("Overview")).toBeInTheDocument();
    expect(within(menu).getByText("System status")).toBeInTheDocument();
    expect(within(menu).queryByText("Trạng thái hệ thống")).not.toBeInTheDocument();
    expect(window.localStorage.getItem("kiemdiem.locale")).toBe("en");
    expect(document.documentElement.lang).toBe("en");
  });

  it("opens in the language chosen earlier", async () => {
    window.localStorage.setItem("kiemdiem.locale", "en");
    renderApp("/");

    expect(await screen.findByRole("heading", { name: "Overview" })).toBeInTheDocument();
  });

  it("shows a not-found page for an unknown address", async () => {
    renderApp("/khong-co-trang-nay");

    expect(await screen.findByText("Không tìm thấy trang")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Về trang tổng quan" })).toHaveAttribute(
      "href",
      "/",
    );
  });
});
