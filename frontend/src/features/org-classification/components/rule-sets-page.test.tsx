import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { RuleSetsPage } from "@/features/org-classification/components/rule-sets-page";
import { pointsRuleSet, ruleSet } from "@/features/org-classification/testing/fixtures";
import type { PointsInfo } from "@/lib/classification/points";
import { renderPage } from "@/testing/render-page";
import { adminMe, json, meWith, problem, startSession, stubApi } from "@/testing/api";
import { pointsInfo } from "@/testing/points";

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

  it("lists the members' rules below the table, and brings forward the one the link names", async () => {
    // jsdom does not scroll: record what the page asks to bring into view.
    const scrolled: Element[] = [];
    const original = Object.getOwnPropertyDescriptor(Element.prototype, "scrollIntoView");
    Object.defineProperty(Element.prototype, "scrollIntoView", {
      configurable: true,
      value(this: Element) {
        scrolled.push(this);
      },
    });
    try {
      startSession();
      stubApi({ "GET /api/v1/rule-sets": () => json([ruleSet()]) });
      renderPage(
        <RuleSetsPage me={meWith("inspection", 10, "Đảng bộ Trường Đại học Vinh")} />,
        "/rule-sets#rule-M6",
      );

      const rules = await screen.findByRole("region", { name: "Các quy tắc xếp loại đảng viên" });
      const m6 = rules.querySelector("#rule-M6") as HTMLElement;
      expect(m6).toHaveTextContent("M6: ngưỡng phiếu (xuất sắc trên 2/3 D, các mức khác trên 1/2 D)");
      expect(within(m6).getByText("M6")).toHaveClass("ant-tag");
      expect(rules.querySelector("#rule-Q4-tie")).toHaveTextContent(
        "Q4: bằng phiếu tại ngưỡng tỷ lệ: chi bộ bỏ phiếu lại",
      );
      expect(within(rules).getAllByRole("listitem")).toHaveLength(11);
      // The rule the link names stands out, and comes into view once the rule sets are shown.
      expect(m6).toHaveAttribute("aria-current", "true");
      expect(rules.querySelector("#rule-M7")).not.toHaveAttribute("aria-current");
      await screen.findByText("vinh-2016", { selector: "strong" });
      await waitFor(() => expect(scrolled).toEqual([m6]));
    } finally {
      if (original) Object.defineProperty(Element.prototype, "scrollIntoView", original);
      else delete (Element.prototype as Partial<Element>).scrollIntoView;
    }
  });
});

/** tw-366-2025's data with F4's task items changed (tenths), the rest as built in. */
function withF4Tasks(items: PointsInfo["frames"][number]["groups"][number]["items"]): PointsInfo {
  const points = structuredClone(pointsInfo());
  points.frames[3].groups[1].items = items;
  return points;
}

describe("points rule sets", () => {
  it("shows the method, the frames with their items and sums, the bands, facts and quota", async () => {
    startSession();
    stubApi({
      "GET /api/v1/rule-sets": () =>
        json([
          ruleSet(),
          pointsRuleSet(),
          pointsRuleSet({
            name: "nghe-an-2025",
            based_on: "tw-366-2025",
            points: withF4Tasks([
              { code: "duties", label: "Kết quả thực hiện nhiệm vụ theo kế hoạch", max: 400 },
              { code: "quality", label: "Chất lượng, tiến độ thực hiện", max: 195 },
              { code: "innovation", label: "Đổi mới, sáng tạo", max: 95 },
            ]),
          }),
        ]),
    });
    renderPage(<RuleSetsPage me={meWith("inspection", 10, "Đảng bộ Trường Đại học Vinh")} />);

    const table = await screen.findByTestId("rule-sets-table");
    const ballot = (await within(table).findByText("vinh-2016", { selector: "strong" })).closest(
      "tr",
    );
    expect(ballot).toHaveTextContent("Bỏ phiếu (2016)");
    const points = within(table).getByText("tw-366-2025", { selector: "strong" }).closest("tr");
    expect(points).toHaveTextContent("Chấm điểm 100 điểm (2025)");
    // Bands instead of vote thresholds, the quota of S7, no small-branch cap.
    expect(points).toHaveTextContent("HTXS ≥ 90, HTT ≥ 70, HT ≥ 50 điểm");
    expect(points).not.toHaveTextContent("> 2/3");
    expect(points).toHaveTextContent("20% số được xếp loại hoàn thành tốt nhiệm vụ");
    expect(points).toHaveTextContent(
      "25% nếu kết quả nổi bật; tính trong từng nhóm đối tượng có vị trí, nhiệm vụ tương đồng",
    );
    expect(points).toHaveTextContent("Không áp dụng");

    // Each frame with its form, who it is for, its groups and items in points.
    const details = screen.getByTestId("points-details-tw-366-2025");
    const f4 = within(details).getByTestId("points-frame-F4");
    expect(f4).toHaveTextContent("F4 — Mẫu 2B");
    expect(f4).toHaveTextContent(
      "Cán bộ, công chức, viên chức không giữ chức vụ lãnh đạo, quản lý",
    );
    expect(f4).toHaveTextContent("Kết quả thực hiện nhiệm vụ: tối đa 70 điểm");
    expect(within(f4).getByText("Chất lượng, tiến độ thực hiện").closest("tr")).toHaveTextContent(
      "20",
    );
    const sums = within(f4).getAllByTestId("group-sum");
    expect(sums.map((sum) => sum.textContent)).toEqual([
      "Các tiêu chí cộng lại 30/30 điểm",
      "Các tiêu chí cộng lại 70/70 điểm",
    ]);
    expect(sums.every((sum) => sum.dataset.balanced === "true")).toBe(true);
    expect(within(details).getByTestId("points-frame-F1")).toHaveTextContent("F1 — Mẫu 01");

    // Bands with the task conditions, the quota, the quarters, the facts and their frames.
    expect(details).toHaveTextContent(
      "Hoàn thành xuất sắc nhiệm vụ: từ 90 điểm; hoàn thành toàn bộ nhiệm vụ đúng hạn, ít nhất 30% vượt yêu cầu",
    );
    expect(details).toHaveTextContent(
      "Hoàn thành nhiệm vụ: từ 50 điểm; hoàn thành toàn bộ nhiệm vụ, chậm hạn không quá 20%",
    );
    expect(details).toHaveTextContent(
      "Không quá 20% số được xếp loại hoàn thành tốt nhiệm vụ, tính trong từng nhóm đối tượng",
    );
    expect(details).toHaveTextContent("Đến 25% khi cấp có thẩm quyền quyết định");
    expect(details).toHaveTextContent("Kết quả các quý là căn cứ tham khảo");
    const facts = within(details).getByTestId("points-facts");
    const subordinate = within(facts)
      .getByText("Có đơn vị trực thuộc hoặc thành viên tập thể lãnh đạo bị kỷ luật trong năm")
      .closest("tr") as HTMLElement;
    expect(subordinate).toHaveTextContent("F1");
    expect(subordinate).toHaveTextContent("Không được xếp hoàn thành xuất sắc");
    const confidence = within(facts)
      .getByText("Quá 50% phiếu tín nhiệm thấp khi lấy phiếu trong năm")
      .closest("tr") as HTMLElement;
    expect(within(confidence).getAllByText(/^F\d$/).map((tag) => tag.textContent)).toEqual([
      "F2",
      "F3",
    ]);
    expect(confidence).toHaveTextContent("Không hoàn thành nhiệm vụ, dù điểm cao");

    // A copy whose items do not add up shows it, in points with a decimal comma.
    const copy = screen.getByTestId("points-details-nghe-an-2025");
    const copyF4 = within(copy).getByTestId("points-frame-F4");
    expect(within(copyF4).getByText("Chất lượng, tiến độ thực hiện").closest("tr")).toHaveTextContent(
      "19,5",
    );
    const [, tasks] = within(copyF4).getAllByTestId("group-sum");
    expect(tasks).toHaveTextContent("Các tiêu chí cộng lại 69, khác điểm tối đa 70");
    expect(tasks.dataset.balanced).toBe("false");
  });

  it("lets an administrator edit a points copy's items, blocks a group that does not add up, and sends the whole section", async () => {
    startSession();
    const api = stubApi({
      "GET /api/v1/rule-sets": () => json([ruleSet(), pointsRuleSet()]),
      [createPath]: () =>
        problem(422, "validation", "Dữ liệu không hợp lệ", [
          {
            field: "points",
            code: "inconsistent",
            message: "bands: excellent > good > completed ≤ 1000",
          },
        ]),
    });
    renderPage(<RuleSetsPage me={adminMe} />);

    await userEvent.click(await screen.findByRole("button", { name: /Tạo bộ quy tắc mới/ }));
    const modal = await screen.findByRole("dialog");
    await userEvent.type(within(modal).getByLabelText("Tên bộ quy tắc"), "nghe-an-2025");
    await userEvent.click(within(modal).getByLabelText("Sao chép từ"));
    const options = await screen.findAllByTitle("tw-366-2025 — Chấm điểm 100 điểm (2025)");
    await userEvent.click(options.at(-1) as HTMLElement);

    // The ballot parameters give way to the frames.
    expect(within(modal).queryByLabelText("Tỷ lệ xuất sắc (%) (Q1)")).not.toBeInTheDocument();
    await userEvent.click(within(modal).getByRole("tab", { name: "F4 · Mẫu 2B" }));
    const tasks = within(modal).getByTestId("points-group-F4-tasks");
    const sum = () => within(tasks).getByTestId("group-sum");
    expect(sum()).toHaveTextContent("Các tiêu chí cộng lại 70/70 điểm");
    const create = () => within(modal).getByRole("button", { name: "Tạo" });

    // 20 → 19,5: the group no longer adds up, and the copy cannot be sent.
    const quality = within(tasks).getByLabelText("Điểm tối đa tiêu chí 2");
    expect(quality).toHaveValue("20");
    await userEvent.clear(quality);
    await userEvent.type(quality, "19,5");
    expect(sum()).toHaveTextContent("Các tiêu chí cộng lại 69,5, khác điểm tối đa 70");
    expect(sum().dataset.balanced).toBe("false");
    expect(within(modal).getByTestId("unbalanced")).toHaveTextContent(
      "các tiêu chí của F4 · Kết quả thực hiện nhiệm vụ (69,5/70) chưa cộng lại đúng",
    );
    expect(create()).toBeDisabled();

    // Renamed, one removed, one added: 40 + 19,5 + 10,5 = 70.
    const first = within(tasks).getByLabelText("Tên tiêu chí 1");
    await userEvent.clear(first);
    await userEvent.paste("Kết quả thực hiện nhiệm vụ được giao");
    await userEvent.click(within(tasks).getByRole("button", { name: "Bỏ tiêu chí 3" }));
    expect(sum()).toHaveTextContent("Các tiêu chí cộng lại 59,5, khác điểm tối đa 70");
    await userEvent.click(within(tasks).getByRole("button", { name: /Thêm tiêu chí/ }));
    await userEvent.click(within(tasks).getByLabelText("Tên tiêu chí 3"));
    await userEvent.paste("Ứng dụng chuyển đổi số");
    await userEvent.type(within(tasks).getByLabelText("Điểm tối đa tiêu chí 3"), "10,5");
    expect(sum()).toHaveTextContent("Các tiêu chí cộng lại 70/70 điểm");
    expect(sum().dataset.balanced).toBe("true");
    expect(within(modal).queryByTestId("unbalanced")).not.toBeInTheDocument();
    expect(create()).toBeEnabled();

    // The bands and the quota, in points and percent.
    const excellent = within(modal).getByLabelText("Hoàn thành xuất sắc: từ (điểm)");
    expect(excellent).toHaveValue("90");
    await userEvent.clear(excellent);
    await userEvent.type(excellent, "92,5");
    const quota = within(modal).getByLabelText("Tỷ lệ hoàn thành xuất sắc (%) (S7)");
    await userEvent.clear(quota);
    await userEvent.type(quota, "15");
    await userEvent.click(create());

    await waitFor(() => expect(api.requests(createPath)).toHaveLength(1));
    const expected = withF4Tasks([
      { code: "duties", label: "Kết quả thực hiện nhiệm vụ được giao", max: 400 },
      { code: "quality", label: "Chất lượng, tiến độ thực hiện", max: 195 },
      { code: "item_3", label: "Ứng dụng chuyển đổi số", max: 105 },
    ]);
    expect(await api.requests(createPath)[0].json()).toEqual({
      name: "nghe-an-2025",
      based_on: "tw-366-2025",
      points: { ...expected, band_excellent: 925, quota_percent: 15 },
    });
    // The server's refusal of the points section shows above the form.
    expect(
      await within(modal).findByText("bands: excellent > good > completed ≤ 1000"),
    ).toBeInTheDocument();
    // Many fields, typed one key at a time: slow on a busy two-core machine.
  }, 60_000);
});
