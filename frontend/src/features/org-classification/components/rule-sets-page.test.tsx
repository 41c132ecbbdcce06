import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { RuleSetsPage } from "@/features/org-classification/components/rule-sets-page";
import { ruleSet } from "@/features/org-classification/testing/fixtures";
import { renderPage } from "@/testing/render-page";
import { adminMe, json, meWith, problem, startSession, stubApi } from "@/testing/api";

const createPath = "POST /api/v1/rule-sets";

describe("rule sets", () => {
  it("shows each rule set's parameters", async () => {
    startSession();
    stubApi({
      "GET /api/v1/rule-sets": () =>
        json([
          ruleSet(),
          ruleSet({
            name: "vinh-2019",
            based_on: "vinh-2016",
            quota_percent: 20,
            quota_basis: "good",
          }),
        ]),
    });
    renderPage(<RuleSetsPage me={meWith("inspection", 10, "Đảng bộ Trường Đại học Vinh")} />);

    const table = await screen.findByTestId("rule-sets-table");
    const builtIn = (await within(table).findByText("vinh-2016", { selector: "strong" })).closest(
      "tr",
    );
    expect(builtIn).toHaveTextContent("Có sẵn");
    expect(builtIn).toHaveTextContent("Xuất sắc: > 2/3");
    expect(builtIn).toHaveTextContent("Các mức khác: > 1/2");
    expect(builtIn).toHaveTextContent("15% số đảng viên hoàn thành tốt trở lên");
    expect(builtIn).toHaveTextContent("Dưới 7 đảng viên: tối đa 1");
    expect(builtIn).toHaveTextContent("5 tiêu chí, tổng 100 điểm");
    expect(builtIn).toHaveTextContent("TSVM ≥ 90, HTT ≥ 70, HT ≥ 50");
    expect(builtIn).toHaveTextContent("TSVM ≤ 50%, tiêu biểu ≤ 20% số TSVM, đơn vị xuất sắc ≤ 50%");
    const copy = within(table).getByText("vinh-2019", { selector: "strong" }).closest("tr");
    expect(copy).toHaveTextContent("20% số đảng viên hoàn thành tốt");
    // Only administrators create rule sets.
    expect(screen.queryByRole("button", { name: /Tạo bộ quy tắc mới/ })).not.toBeInTheDocument();
  });

  it("lets an administrator copy a rule set with changes, and shows a taken name", async () => {
    startSession();
    const api = stubApi({
      "GET /api/v1/rule-sets": () => json([ruleSet()]),
      [createPath]: () => problem(409, "rule_set_exists", "Đã có bộ quy tắc tên vinh-2019"),
    });
    renderPage(<RuleSetsPage me={adminMe} />);

    await userEvent.click(await screen.findByRole("button", { name: /Tạo bộ quy tắc mới/ }));
    const modal = await screen.findByRole("dialog");
    await userEvent.type(within(modal).getByLabelText("Tên bộ quy tắc"), "vinh-2019");
    // The parameters start as the copied rule set's.
    const quota = within(modal).getByLabelText("Tỷ lệ xuất sắc (%) (Q1)");
    expect(quota).toHaveValue("15");
    await userEvent.clear(quota);
    await userEvent.type(quota, "20");
    await userEvent.click(within(modal).getByLabelText("Tính trên số"));
    const options = await screen.findAllByTitle("đảng viên hoàn thành tốt");
    await userEvent.click(options.at(-1) as HTMLElement);
    const den = within(modal).getByLabelText("Ngưỡng phiếu các mức khác (M6): Mẫu số");
    await userEvent.clear(den);
    await userEvent.type(den, "3");
    await userEvent.click(within(modal).getByRole("button", { name: "Tạo" }));

    await waitFor(() => expect(api.requests(createPath)).toHaveLength(1));
    expect(await api.requests(createPath)[0].json()).toEqual({
      name: "vinh-2019",
      based_on: "vinh-2016",
      quota_percent: 20,
      quota_basis: "good",
      pass_threshold: { num: 1, den: 3, strict: true },
    });
    // The taken name shows under the name.
    const name = within(modal).getByLabelText("Tên bộ quy tắc").closest(".ant-form-item");
    expect(
      await within(name as HTMLElement).findByText("Đã có bộ quy tắc tên vinh-2019"),
    ).toBeInTheDocument();
  });

  it("shows a refused parameter under its field", async () => {
    startSession();
    stubApi({
      "GET /api/v1/rule-sets": () => json([ruleSet()]),
      [createPath]: () =>
        problem(422, "validation", "Dữ liệu không hợp lệ", [
          {
            field: "small_branch_cap",
            code: "too_large",
            message: "Không lớn hơn số đảng viên của chi bộ nhỏ",
          },
        ]),
    });
    renderPage(<RuleSetsPage me={adminMe} />);

    await userEvent.click(await screen.findByRole("button", { name: /Tạo bộ quy tắc mới/ }));
    const modal = await screen.findByRole("dialog");
    await userEvent.type(within(modal).getByLabelText("Tên bộ quy tắc"), "thu-nghiem");
    const cap = within(modal).getByLabelText("Chi bộ nhỏ: tối đa số xuất sắc (Q2)");
    await userEvent.clear(cap);
    await userEvent.type(cap, "9");
    await userEvent.click(within(modal).getByRole("button", { name: "Tạo" }));

    const item = cap.closest(".ant-form-item") as HTMLElement;
    expect(
      await within(item).findByText("Không lớn hơn số đảng viên của chi bộ nhỏ"),
    ).toBeInTheDocument();
  });
});
