import { waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { expect } from "vitest";

/** Opens an antd select (its search input, e.g. found by label) and gives its dropdown. */
export async function openSelect(select: HTMLElement): Promise<HTMLElement> {
  await userEvent.click(select);
  return waitFor(() => {
    const list = document.getElementById(select.getAttribute("aria-controls") ?? "");
    const dropdown = list?.closest<HTMLElement>(".ant-select-dropdown");
    expect(dropdown).toBeTruthy();
    return dropdown as HTMLElement;
  });
}

/** The options a dropdown shows, by title. */
export function optionTitles(dropdown: HTMLElement): (string | null)[] {
  return Array.from(dropdown.querySelectorAll(".ant-select-item-option"), (option) =>
    option.getAttribute("title"),
  );
}
