import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { ResultTags, type EngineResult } from "@/components/classification/result-tags";
import { useT } from "@/lib/i18n/use-t";
import { renderPage } from "@/testing/render-page";

function Tags({ result }: { result: EngineResult }) {
  const t = useT();
  return (
    <div data-testid="tags">
      <ResultTags t={t} result={result} />
    </div>
  );
}

describe("result tags", () => {
  it("links each known rule id to its rule on the rule sets page, explained on hover", async () => {
    renderPage(
      <Tags result={{ status: "classified", level: "good", reasons: ["M6", "Q4-tie", "Z9"] }} />,
    );

    const tags = await screen.findByTestId("tags");
    const m6 = within(tags).getByRole("link", { name: "M6" });
    expect(m6).toHaveAttribute("href", "/rule-sets#rule-M6");
    expect(within(tags).getByRole("link", { name: "Q4-tie" })).toHaveAttribute(
      "href",
      "/rule-sets#rule-Q4-tie",
    );
    // An id this build does not know stays a plain tag.
    expect(within(tags).getByText("Z9")).toHaveClass("ant-tag");
    expect(within(tags).queryByRole("link", { name: "Z9" })).not.toBeInTheDocument();
    expect(within(tags).getAllByRole("link")).toHaveLength(2);

    await userEvent.hover(within(m6).getByText("M6"));
    expect(
      await screen.findByText("M6: ngưỡng phiếu (xuất sắc trên 2/3 D, các mức khác trên 1/2 D)"),
    ).toBeInTheDocument();
  });
});
