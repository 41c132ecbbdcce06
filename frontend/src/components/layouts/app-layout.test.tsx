import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Link } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AppLayout } from "@/components/layouts/app-layout";
import { renderPage } from "@/testing/render-page";

/** A window `width` pixels wide: antd's breakpoints ask for (min-width) and (max-width) queries. */
function windowOfWidth(width: number) {
  vi.spyOn(window, "matchMedia").mockImplementation((query: string) => {
    const min = /min-width:\s*(\d+)px/.exec(query);
    const max = /max-width:\s*(\d+)px/.exec(query);
    const matches =
      (min === null || width >= Number(min[1])) && (max === null || width <= Number(max[1]));
    return {
      matches,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    };
  });
}

const navItems = [
  { key: "/", label: <Link to="/">Tổng quan</Link> },
  { key: "/my-review", label: <Link to="/my-review">Bản tự kiểm điểm của tôi</Link> },
];

describe("the layout", () => {
  afterEach(() => vi.restoreAllMocks());

  it("puts the menu in a drawer on a phone, closed once a page is chosen (issue #17)", async () => {
    windowOfWidth(390);
    renderPage(<AppLayout navItems={navItems} />);

    // The short title, the menu behind ☰.
    expect(await screen.findByRole("heading", { name: "kiemdiem" })).toBeInTheDocument();
    expect(screen.queryByRole("menu")).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "Mở menu" }));
    const menu = await screen.findByRole("menu");
    expect(document.querySelector(".ant-drawer-open")).not.toBeNull();
    await userEvent.click(within(menu).getByRole("link", { name: "Bản tự kiểm điểm của tôi" }));

    await waitFor(() => expect(document.querySelector(".ant-drawer-open")).toBeNull());
  });

  it("keeps the side menu on a desk", async () => {
    windowOfWidth(1440);
    renderPage(<AppLayout navItems={navItems} />);

    expect(await screen.findByRole("menu")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Mở menu" })).not.toBeInTheDocument();
    expect(
      screen.getByRole("heading", { name: "kiemdiem — Kiểm điểm, đánh giá, xếp loại đảng viên" }),
    ).toBeInTheDocument();
  });
});
