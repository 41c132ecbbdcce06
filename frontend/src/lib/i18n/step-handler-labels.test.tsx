import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Button, InputNumber } from "antd";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { useLocale } from "@/lib/i18n/use-t";
import { renderPage } from "@/testing/render-page";

function Numbers() {
  const { setLocale } = useLocale();
  const [more, setMore] = useState(false);
  return (
    <>
      <InputNumber aria-label="first" />
      {more && <InputNumber aria-label="second" />}
      <Button onClick={() => setMore(true)}>more</Button>
      <Button onClick={() => setLocale("en")}>english</Button>
    </>
  );
}

describe("number inputs' step handlers", () => {
  it("are named in the chosen language, also those that appear later", async () => {
    renderPage(<Numbers />);
    await waitFor(() => expect(screen.getAllByLabelText("Tăng giá trị")).toHaveLength(1));
    expect(screen.getAllByLabelText("Giảm giá trị")).toHaveLength(1);
    expect(screen.queryByLabelText("Increase Value")).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "more" }));
    await waitFor(() => expect(screen.getAllByLabelText("Tăng giá trị")).toHaveLength(2));
    expect(screen.getAllByLabelText("Giảm giá trị")).toHaveLength(2);

    await userEvent.click(screen.getByRole("button", { name: "english" }));
    await waitFor(() => expect(screen.getAllByLabelText("Increase value")).toHaveLength(2));
    expect(screen.getAllByLabelText("Decrease value")).toHaveLength(2);
  });
});
