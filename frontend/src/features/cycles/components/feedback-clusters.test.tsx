import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { FeedbackCluster } from "@/features/cycles/api/feedback-clusters";
import {
  counts,
  cycle,
  feedbackCluster,
  planTabRoutes,
} from "@/features/cycles/testing/fixtures";
import { json, meWith, paged, problem, startSession, stubApi } from "@/testing/api";
import { renderApp } from "@/testing/render-app";
import { openSelect } from "@/testing/select";

const clustersPath = "/api/v1/cycles/9/feedback-clusters";
const committee = meWith("committee", 20, "Đảng bộ Trường Đại học Sư phạm");
const branchCommittee = meWith("branch_committee", 30, "Chi bộ Khoa Toán");

type Handler = (request: Request) => Response | Promise<Response>;

function organization(id: number, name: string) {
  return {
    id,
    kind: "branch",
    code: `CB${id}`,
    name,
    parent_id: 20,
    ancestor_ids: [20],
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
  };
}

function clustersApi(me: typeof committee, extra: Record<string, Handler>) {
  return stubApi({
    "GET /api/v1/auth/me": () => json(me),
    "GET /api/v1/notifications": paged([]),
    "GET /api/v1/cycles/9": () => json(cycle),
    "GET /api/v1/cycles/9/progress": () =>
      json({
        cycle_id: 9,
        as_of: "2026-11-20",
        self_reviews_due: "2026-11-09",
        branches: [],
        bases: [],
        districts: [],
        total: counts({ members: 0 }),
      }),
    ...planTabRoutes(),
    ...extra,
  });
}

async function openTab() {
  renderApp("/cycles/9");
  await userEvent.click(await screen.findByRole("tab", { name: "Kế hoạch" }));
}

const withOpinions = feedbackCluster({
  opinions: [
    {
      id: 91,
      branch_id: 30,
      branch_name: "Chi bộ Khoa Toán",
      source: "Công đoàn",
      content: "Chi bộ lãnh đạo đơn vị hoàn thành tốt nhiệm vụ",
      given_on: "2026-11-12",
      recorded_by: "Nguyễn Văn An",
      recorded_at: "2026-11-12T09:00:00Z",
    },
    {
      id: 92,
      branch_id: 31,
      branch_name: "Chi bộ Khoa Lý",
      source: "Đoàn Thanh niên",
      content: "Cần quan tâm hơn đến đoàn viên trẻ",
      given_on: "2026-11-13",
      recorded_by: "Nguyễn Văn An",
      recorded_at: "2026-11-13T09:00:00Z",
    },
  ],
});

describe("workplace feedback clusters (II.2.2.1)", () => {
  it("shows each cluster with its leader, branches, organisations and opinions by branch", async () => {
    startSession();
    clustersApi(committee, { [`GET ${clustersPath}`]: () => json([withOpinions]) });
    await openTab();

    const card = await screen.findByTestId("feedback-cluster-81");
    expect(
      screen.getByText("Cụm lấy ý kiến quần chúng nơi công tác (II.2.2.1)"),
    ).toBeInTheDocument();
    expect(within(card).getByText("Cụm Khoa Toán – Khoa Lý")).toBeInTheDocument();
    expect(within(card).getByText("Phụ trách: Đồng chí Trần Văn Bình")).toBeInTheDocument();
    expect(within(card).getByText("Ngày họp: 12/11/2026")).toBeInTheDocument();
    expect(within(card).getByText("Ý kiến của quần chúng về chi bộ")).toBeInTheDocument();

    const math = within(card).getByTestId("cluster-opinions-81-30");
    expect(within(math).getByText("Chi bộ Khoa Toán")).toBeInTheDocument();
    expect(within(math).getByText("Công đoàn")).toBeInTheDocument();
    expect(within(math).getByText("12/11/2026")).toBeInTheDocument();
    expect(
      within(math).getByText("Chi bộ lãnh đạo đơn vị hoàn thành tốt nhiệm vụ"),
    ).toBeInTheDocument();
    const physics = within(card).getByTestId("cluster-opinions-81-31");
    expect(within(physics).getByText("Cần quan tâm hơn đến đoàn viên trẻ")).toBeInTheDocument();
    expect(within(physics).getByText("Đoàn Thanh niên")).toBeInTheDocument();

    // The committee running the cycle changes the cluster and records opinions.
    expect(within(card).getByRole("button", { name: /Sửa/ })).toBeInTheDocument();
    expect(within(card).getByRole("button", { name: /Ghi ý kiến/ })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: /Thêm cụm/ })).toBeInTheDocument();
  });

  it("asks the workplace about every member of a cluster in one step (issue #17)", async () => {
    startSession();
    const batchPath = "/api/v1/cycles/9/feedback-requests/batch";
    const api = clustersApi(committee, {
      [`GET ${clustersPath}`]: () => json([withOpinions]),
      "GET /api/v1/cycles/9/feedback-providers": () => json([]),
      [`POST ${batchPath}`]: () => json({ created: [], skipped: [] }, 201),
    });
    await openTab();
    const card = await screen.findByTestId("feedback-cluster-81");
    await userEvent.click(within(card).getByRole("button", { name: /Lấy ý kiến cả cụm/ }));
    const dialog = await screen.findByRole("dialog", {
      name: "Lấy ý kiến nơi công tác về mọi đảng viên của cụm Cụm Khoa Toán – Khoa Lý",
    });
    // The cluster's own name and leader go with the requests: no branch, source or cluster field.
    expect(within(dialog).queryByLabelText("Chi bộ")).not.toBeInTheDocument();
    expect(within(dialog).queryByLabelText("Cụm quần chúng")).not.toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole("button", { name: "Gửi cho cả cụm" }));
    await waitFor(() => expect(api.requests(`POST ${batchPath}`)).toHaveLength(1));
    const body = (await api.requests(`POST ${batchPath}`)[0].json()) as Record<string, unknown>;
    expect(body).toMatchObject({ cluster_id: 81, source: "workplace", cluster: null });
    expect(body).not.toHaveProperty("organization_id");
    expect(await screen.findByText(/về 0 đảng viên/)).toBeInTheDocument();
  });

  it("sets up a cluster on version 0 and shows a branch's 422 under the branches", async () => {
    startSession();
    let attempts = 0;
    const api = clustersApi(committee, {
      [`GET ${clustersPath}`]: () => json([]),
      "GET /api/v1/organizations": () =>
        json({
          items: [organization(30, "Chi bộ Khoa Toán"), organization(31, "Chi bộ Khoa Lý")],
          total: 2,
          page: 1,
          per_page: 500,
        }),
      [`POST ${clustersPath}`]: () => {
        attempts += 1;
        return attempts === 1
          ? problem(422, "validation", "Dữ liệu không hợp lệ", [
              {
                field: "branch_ids[1]",
                code: "in_other_cluster",
                message: "Chi bộ Khoa Lý đã thuộc cụm khác",
              },
            ])
          : json(feedbackCluster({ id: 82, version: 1 }), 201);
      },
    });
    await openTab();

    expect(await screen.findByText("Chưa lập cụm lấy ý kiến nào")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: /Thêm cụm/ }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.type(within(dialog).getByLabelText("Tên cụm"), "Cụm Khoa Toán – Khoa Lý");
    await userEvent.type(
      within(dialog).getByLabelText("Người phụ trách"),
      "Đồng chí Trần Văn Bình",
    );
    const branches = await openSelect(within(dialog).getByLabelText("Các chi bộ"));
    await userEvent.click(await within(branches).findByTitle("Chi bộ Khoa Toán"));
    await userEvent.click(within(branches).getByTitle("Chi bộ Khoa Lý"));
    const organisations = await openSelect(within(dialog).getByLabelText("Các đoàn thể"));
    await userEvent.click(within(organisations).getByTitle("Công đoàn"));
    await userEvent.click(within(organisations).getByTitle("Hội Phụ nữ"));
    await userEvent.click(within(dialog).getByRole("button", { name: "Lưu" }));

    const invalid = await within(dialog).findByText("Chi bộ Khoa Lý đã thuộc cụm khác");
    expect(invalid.closest(".ant-form-item")).toContainElement(
      within(dialog).getByLabelText("Các chi bộ"),
    );
    const [request] = api.requests(`POST ${clustersPath}`);
    expect(await request.json()).toEqual({
      version: 0,
      name: "Cụm Khoa Toán – Khoa Lý",
      leader: "Đồng chí Trần Văn Bình",
      branch_ids: [30, 31],
      mass_organizations: ["Công đoàn", "Hội Phụ nữ"],
      meeting_on: null,
    });
    const [list] = api.requests("GET /api/v1/organizations");
    expect(new URL(list.url).searchParams.get("parent_id")).toBe("20");

    await userEvent.click(within(dialog).getByRole("button", { name: "Lưu" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(api.requests(`POST ${clustersPath}`)).toHaveLength(2);
  });

  it("lets a branch committee record the masses' opinion on its branch", async () => {
    startSession();
    let recorded: FeedbackCluster | null = null;
    const api = clustersApi(branchCommittee, {
      [`GET ${clustersPath}`]: () => json([recorded ?? feedbackCluster()]),
      [`POST ${clustersPath}/81/opinions`]: async (request) => {
        const body = (await request.clone().json()) as {
          source: string;
          content: string;
          given_on: string;
        };
        recorded = feedbackCluster({
          opinions: [
            {
              id: 93,
              branch_id: 30,
              branch_name: "Chi bộ Khoa Toán",
              source: body.source,
              content: body.content,
              given_on: body.given_on,
              recorded_by: "Nguyễn Văn An",
              recorded_at: "2026-11-20T09:00:00Z",
            },
          ],
        });
        return json(recorded, 201);
      },
    });
    await openTab();

    const card = await screen.findByTestId("feedback-cluster-81");
    expect(within(card).getByText("Chưa ghi ý kiến nào")).toBeInTheDocument();
    // A branch committee records opinions, it does not change the cluster.
    expect(within(card).queryByRole("button", { name: /Sửa/ })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Thêm cụm/ })).not.toBeInTheDocument();
    await userEvent.click(within(card).getByRole("button", { name: /Ghi ý kiến/ }));
    const dialog = await screen.findByRole("dialog");
    // Its own branch is the only one offered, already chosen.
    const branch = await openSelect(within(dialog).getByLabelText("Chi bộ"));
    expect(within(branch).getAllByRole("option")).toHaveLength(1);
    const source = await openSelect(within(dialog).getByLabelText("Đoàn thể"));
    await userEvent.click(within(source).getByTitle("Đoàn Thanh niên"));
    const day = within(dialog).getByLabelText("Ngày góp ý");
    await userEvent.clear(day);
    await userEvent.type(day, "13/11/2026");
    await userEvent.tab();
    await userEvent.type(
      within(dialog).getByLabelText("Nội dung ý kiến"),
      "Chi bộ gần gũi, lắng nghe đoàn viên",
    );
    await userEvent.click(within(dialog).getByRole("button", { name: "Lưu" }));

    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    const [request] = api.requests(`POST ${clustersPath}/81/opinions`);
    expect(await request.json()).toEqual({
      branch_id: 30,
      source: "Đoàn Thanh niên",
      given_on: "2026-11-13",
      content: "Chi bộ gần gũi, lắng nghe đoàn viên",
    });
    expect(
      await within(card).findByText("Chi bộ gần gũi, lắng nghe đoàn viên"),
    ).toBeInTheDocument();
  });

  it("shows nothing to those the API refuses (403)", async () => {
    startSession();
    const api = clustersApi(meWith("inspection", 20, "Ủy ban Kiểm tra"), {
      [`GET ${clustersPath}`]: () => problem(403, "forbidden", "Không có quyền"),
      "GET /api/v1/cycles/9/branch-opinions": () => json([]),
    });
    await openTab();

    // The section next to it shows; the clusters' does not.
    expect(await screen.findByTestId("branch-opinions")).toBeInTheDocument();
    await waitFor(() => expect(api.requests(`GET ${clustersPath}`)).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByTestId("feedback-clusters")).not.toBeInTheDocument();
    expect(
      screen.queryByText("Cụm lấy ý kiến quần chúng nơi công tác (II.2.2.1)"),
    ).not.toBeInTheDocument();
  });
});
