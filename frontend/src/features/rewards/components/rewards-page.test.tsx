import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { RewardsPage } from "@/features/rewards/components/rewards-page";
import {
  candidates,
  nomination,
  orgTree,
  w2Quota,
  year,
} from "@/features/rewards/testing/fixtures";
import {
  cycleList,
  json,
  meWith,
  paged,
  pageJson,
  problem,
  startSession,
  stubApi,
} from "@/testing/api";
import { renderPage } from "@/testing/render-page";

const baseCommittee = meWith("committee", 10, "Đảng bộ Trường Đại học Vinh");
const districtCommittee = meWith("committee", 1, "Thành ủy Vinh");
const nominatePath = "POST /api/v1/rewards/nominations";

function rowOf(testId: string, text: string): HTMLElement {
  return within(screen.getByTestId(testId)).getByText(text).closest("tr") as HTMLElement;
}

describe("rewards", () => {
  it("shows the quota meters and each candidate's five years as evidence", async () => {
    startSession();
    const api = stubApi({
      "GET /api/v1/organizations": () => json(orgTree),
      "GET /api/v1/rewards/quotas": () => json([w2Quota(0)]),
      "GET /api/v1/rewards/candidates": () => json(candidates),
      "GET /api/v1/rewards/nominations": paged([]),
    });
    renderPage(<RewardsPage me={baseCommittee} />);

    const meter = await screen.findByTestId("quota-member_certificate");
    expect(meter).toHaveTextContent("W2");
    expect(meter).toHaveTextContent("Giấy khen của BTV Thành ủy (đảng viên, W2)");
    expect(meter).toHaveTextContent("0/1");
    expect(meter).toHaveTextContent("Đảng bộ có 86 đảng viên (dưới 100): tối đa 1");
    const query = new URL(api.requests("GET /api/v1/rewards/quotas")[0].url).searchParams;
    expect(query.toString()).toBe(`organization_id=10&year=${year}`);

    const member = await screen.findByTestId("member-candidates");
    const memberYears = within(within(member).getByTestId("evidence")).getAllByText(/: /);
    expect(memberYears.map((tag) => tag.textContent)).toEqual(
      [4, 3, 2, 1, 0].map((back) => `${year - back}: Xuất sắc`),
    );
    const branch = within(rowOf("org-candidates", "Chi bộ Khoa Toán (Chi bộ)"));
    expect(branch.getByText(`${year - 3}: thiếu`)).toBeInTheDocument();
    expect(branch.getByText(`${year}: TSVM tiêu biểu`)).toBeInTheDocument();
    expect(screen.getByTestId("nominations")).toHaveTextContent("Chưa có đề nghị nào");
  });

  it("nominates a member and fills the W2 meter and the list", async () => {
    startSession();
    let nominated = false;
    const api = stubApi({
      "GET /api/v1/organizations": () => json(orgTree),
      "GET /api/v1/rewards/quotas": () => json([w2Quota(nominated ? 1 : 0)]),
      "GET /api/v1/rewards/candidates": () => json(candidates),
      "GET /api/v1/rewards/nominations": (request) =>
        pageJson(request, nominated ? [nomination()] : []),
      [nominatePath]: () => {
        nominated = true;
        return json(nomination(), 201);
      },
    });
    renderPage(<RewardsPage me={baseCommittee} />);

    await screen.findByTestId("member-candidates");
    await userEvent.click(
      within(rowOf("member-candidates", "Trần Thị Bình")).getByRole("button", { name: "Đề nghị" }),
    );

    await waitFor(() =>
      expect(screen.getByTestId("quota-member_certificate")).toHaveTextContent("1/1"),
    );
    expect(await api.requests(nominatePath)[0].json()).toEqual({
      reward: "member_certificate",
      year,
      nominating_organization_id: 10,
      member_id: 501,
    });
    const row = within(await waitFor(() => rowOf("nominations", "Trần Thị Bình")));
    expect(row.getByText("Đã đề nghị")).toBeInTheDocument();
    // A base's committee does not decide on its own nominations.
    expect(row.queryByRole("button", { name: "Duyệt" })).not.toBeInTheDocument();
  });

  it("shows the rule a refused nomination breaks (W2 quota, 409)", async () => {
    startSession();
    stubApi({
      "GET /api/v1/organizations": () => json(orgTree),
      "GET /api/v1/rewards/quotas": () => json([w2Quota(1)]),
      "GET /api/v1/rewards/candidates": () => json(candidates),
      "GET /api/v1/rewards/nominations": paged([]),
      [nominatePath]: () =>
        problem(
          409,
          "quota_exceeded",
          `W2: Đảng bộ Trường Đại học Vinh đã đề nghị 1/1 cho hình thức này năm ${year}`,
        ),
    });
    renderPage(<RewardsPage me={baseCommittee} />);

    await screen.findByTestId("member-candidates");
    await userEvent.click(
      within(rowOf("member-candidates", "Trần Thị Bình")).getByRole("button", { name: "Đề nghị" }),
    );

    const refused = await screen.findByTestId("nomination-refused");
    expect(refused).toHaveTextContent("Vượt chỉ tiêu khen thưởng");
    expect(refused).toHaveTextContent(
      `W2: Đảng bộ Trường Đại học Vinh đã đề nghị 1/1 cho hình thức này năm ${year}`,
    );
  });

  it("shows the missing years of a nominee without a streak (W1, 422)", async () => {
    startSession();
    stubApi({
      "GET /api/v1/organizations": () => json(orgTree),
      "GET /api/v1/rewards/quotas": () => json([]),
      "GET /api/v1/rewards/candidates": () => json(candidates),
      "GET /api/v1/rewards/nominations": paged([]),
      [nominatePath]: () =>
        problem(422, "no_streak", "Dữ liệu không hợp lệ", [
          {
            field: "organization_id",
            code: "no_streak",
            message: `Chưa đạt tiêu chuẩn các năm: ${year - 3} (W1)`,
          },
        ]),
    });
    renderPage(<RewardsPage me={baseCommittee} />);

    await screen.findByTestId("org-candidates");
    await userEvent.click(
      within(rowOf("org-candidates", "Chi bộ Khoa Toán (Chi bộ)")).getByRole("button", {
        name: "Đề nghị",
      }),
    );

    const refused = await screen.findByTestId("nomination-refused");
    expect(refused).toHaveTextContent("Chưa đủ 5 năm liền (W1)");
    expect(refused).toHaveTextContent(`Chưa đạt tiêu chuẩn các năm: ${year - 3} (W1)`);
  });

  it("opens on the latest cycle's year and confirms a registration naming year and organisation", async () => {
    startSession();
    const cycleYear = year - 1;
    const api = stubApi({
      "GET /api/v1/organizations": () => json(orgTree),
      "GET /api/v1/cycles": cycleList([{ id: 4, organization_id: 10, year: cycleYear }]),
      "GET /api/v1/rewards/quotas": () => json([]),
      "GET /api/v1/rewards/candidates": () => json(candidates),
      "GET /api/v1/rewards/nominations": paged([]),
      "POST /api/v1/rewards/registrations": () =>
        problem(
          409,
          "already_registered",
          `Đảng bộ Trường Đại học Vinh đã đăng ký thi đua năm ${cycleYear}`,
        ),
    });
    renderPage(<RewardsPage me={baseCommittee} />);

    const register = await screen.findByRole("button", { name: /Đăng ký thi đua/ });
    expect(screen.getByLabelText("Năm")).toHaveValue(String(cycleYear));
    const quotas = new URL(api.requests("GET /api/v1/rewards/quotas")[0].url).searchParams;
    expect(quotas.get("year")).toBe(String(cycleYear));

    const question = `Đăng ký thi đua năm ${cycleYear} cho Đảng bộ Trường Đại học Vinh?`;
    await userEvent.click(register);
    const asked = await screen.findByRole("dialog");
    expect(asked).toHaveTextContent(question);
    await userEvent.click(within(asked).getByRole("button", { name: "Hủy" }));
    expect(api.requests("POST /api/v1/rewards/registrations")).toHaveLength(0);

    await userEvent.click(register);
    await waitFor(() => expect(screen.getAllByRole("dialog").at(-1)).toHaveTextContent(question));
    const again = screen.getAllByRole("dialog").at(-1) as HTMLElement;
    await userEvent.click(within(again).getByRole("button", { name: "Đăng ký thi đua" }));
    expect(
      await screen.findByText(`Đảng bộ Trường Đại học Vinh đã đăng ký thi đua năm ${cycleYear}`),
    ).toBeInTheDocument();
    expect(await api.requests("POST /api/v1/rewards/registrations")[0].json()).toEqual({
      organization_id: 10,
      year: cycleYear,
    });
  });

  it("hints where past years are entered when no organisation qualifies (W4/W5)", async () => {
    startSession();
    stubApi({
      "GET /api/v1/organizations": () => json(orgTree),
      "GET /api/v1/rewards/quotas": () => json([]),
      "GET /api/v1/rewards/candidates": () => json({ ...candidates, organizations: [] }),
      "GET /api/v1/rewards/nominations": paged([]),
    });
    renderPage(<RewardsPage me={baseCommittee} />);

    expect(await screen.findByTestId("org-history-hint")).toHaveTextContent(
      "Tổ chức đảng → Kết quả các năm trước (W4/W5)",
    );
  });

  it("gives no such hint while an organisation qualifies", async () => {
    startSession();
    stubApi({
      "GET /api/v1/organizations": () => json(orgTree),
      "GET /api/v1/rewards/quotas": () => json([]),
      "GET /api/v1/rewards/candidates": () => json(candidates),
      "GET /api/v1/rewards/nominations": paged([]),
    });
    renderPage(<RewardsPage me={baseCommittee} />);

    await screen.findByTestId("org-candidates");
    expect(screen.queryByTestId("org-history-hint")).not.toBeInTheDocument();
  });

  it("lets the district revoke an approved reward only with a reason", async () => {
    startSession();
    const api = stubApi({
      "GET /api/v1/organizations": () => json(orgTree),
      "GET /api/v1/rewards/quotas": () => json([]),
      "GET /api/v1/rewards/candidates": () => json({ year, members: [], organizations: [] }),
      "GET /api/v1/rewards/nominations": paged([nomination({ status: "approved" })]),
      "POST /api/v1/rewards/nominations/900/decision": () =>
        json(nomination({ status: "revoked", revoked_reason: "Khai man thành tích" })),
    });
    renderPage(<RewardsPage me={districtCommittee} />);

    const row = within(await waitFor(() => rowOf("nominations", "Trần Thị Bình")));
    expect(row.getByText("Đã duyệt")).toBeInTheDocument();
    await userEvent.click(row.getByRole("button", { name: "Thu hồi" }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.click(within(dialog).getByRole("button", { name: "Thu hồi" }));
    expect(await within(dialog).findByText("Hãy ghi lý do thu hồi (W6)")).toBeInTheDocument();

    await userEvent.type(within(dialog).getByLabelText("Lý do thu hồi"), "Khai man thành tích");
    await userEvent.click(within(dialog).getByRole("button", { name: "Thu hồi" }));

    await waitFor(() =>
      expect(api.requests("POST /api/v1/rewards/nominations/900/decision")).toHaveLength(1),
    );
    expect(
      await api.requests("POST /api/v1/rewards/nominations/900/decision")[0].json(),
    ).toEqual({ decision: "revoke", comment: "Khai man thành tích" });
  });
});
