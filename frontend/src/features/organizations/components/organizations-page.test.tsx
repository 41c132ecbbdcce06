import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { components } from "@/api/schema";
import { adminMe, json, meWith, problem, startSession, stubApi } from "@/testing/api";
import { renderApp } from "@/testing/render-app";

type OrgNode = components["schemas"]["OrganizationNode"];

function node(
  id: number,
  kind: string,
  code: string,
  name: string,
  ancestorIds: number[],
  children: OrgNode[] = [],
): OrgNode {
  return {
    id,
    kind,
    code,
    name,
    parent_id: ancestorIds.at(-1) ?? null,
    ancestor_ids: ancestorIds,
    created_at: "2026-11-20T01:30:00Z",
    updated_at: "2026-11-20T01:30:00Z",
    children,
  };
}

const cell = node(40, "cell", "T1", "Tổ đảng 1", [1, 10, 20, 30]);
const branch = node(30, "branch", "CB-TOAN", "Chi bộ Khoa Toán", [1, 10, 20], [cell]);
const base = node(20, "base", "DB-DHSP", "Đảng bộ Trường Đại học Sư phạm", [1, 10], [branch]);
const district = node(10, "district", "TU-HUE", "Thành ủy Huế", [1], [base]);
const province = node(1, "province", "TU-TTH", "Tỉnh ủy Thừa Thiên Huế", [], [district]);

function treeAnswer(tree: OrgNode[]) {
  return () => json({ items: [], tree, total: 0, page: 1, per_page: 100 });
}

const actionNames = [/Thêm tổ chức trực thuộc/, /Đổi tên/, /Chuyển/, /Xóa/];

/** Selects the node with `code` and lists the action buttons its detail panel offers. */
async function actionsOn(code: string): Promise<RegExp[]> {
  await userEvent.click(await screen.findByTestId(`org-node-${code}`));
  const detail = await screen.findByTestId("org-detail");
  return actionNames.filter((name) => within(detail).queryByRole("button", { name }) !== null);
}

describe("organisations page", () => {
  it("lets a committee add under its own organisation but change only what is below", async () => {
    startSession();
    stubApi({
      "GET /api/v1/auth/me": () => json(meWith("committee", 20, base.name)),
      "GET /api/v1/organizations": treeAnswer([base]),
    });
    renderApp("/organizations");

    expect(await actionsOn("DB-DHSP")).toEqual([/Thêm tổ chức trực thuộc/]);
    expect(await actionsOn("CB-TOAN")).toEqual(actionNames);
    // A cell is the lowest kind: nothing can be created under it.
    expect(await actionsOn("T1")).toEqual([/Đổi tên/, /Chuyển/, /Xóa/]);
    expect(screen.queryByRole("button", { name: /Thêm Tỉnh ủy/ })).not.toBeInTheDocument();
  });

  it("offers a branch committee no changes at all", async () => {
    startSession();
    stubApi({
      "GET /api/v1/auth/me": () => json(meWith("branch_committee", 30, branch.name)),
      "GET /api/v1/organizations": treeAnswer([branch]),
    });
    renderApp("/organizations");

    expect(await actionsOn("CB-TOAN")).toEqual([]);
    expect(await actionsOn("T1")).toEqual([]);
    expect(screen.queryByTestId("org-node-DB-DHSP")).not.toBeInTheDocument();
  });

  it("lets an admin create a province, and everything but moving a province", async () => {
    startSession();
    stubApi({
      "GET /api/v1/auth/me": () => json(adminMe),
      "GET /api/v1/organizations": treeAnswer([province]),
    });
    renderApp("/organizations");

    expect(await screen.findByRole("button", { name: /Thêm Tỉnh ủy/ })).toBeInTheDocument();
    expect(await actionsOn("TU-TTH")).toEqual([/Thêm tổ chức trực thuộc/, /Đổi tên/, /Xóa/]);
    expect(await actionsOn("TU-HUE")).toEqual(actionNames);
  });

  it("creates an organisation of the kind below the selected one and shows it", async () => {
    startSession();
    const created = node(31, "branch", "CB-LY", "Chi bộ Khoa Vật lý", [1, 10, 20]);
    let tree = [base];
    const api = stubApi({
      "GET /api/v1/auth/me": () => json(meWith("committee", 20, base.name)),
      "GET /api/v1/organizations": () => treeAnswer(tree)(),
      "POST /api/v1/organizations": () => {
        tree = [{ ...base, children: [branch, created] }];
        return json(created, 201);
      },
    });
    renderApp("/organizations");

    await actionsOn("DB-DHSP");
    await userEvent.click(screen.getByRole("button", { name: /Thêm tổ chức trực thuộc/ }));
    const dialog = await screen.findByRole("dialog");
    expect(dialog).toHaveTextContent("loại Chi bộ, trực thuộc Đảng bộ Trường Đại học Sư phạm");
    await userEvent.type(within(dialog).getByLabelText("Tên tổ chức"), "Chi bộ Khoa Vật lý");
    await userEvent.type(within(dialog).getByLabelText("Mã"), "CB-LY");
    await userEvent.click(within(dialog).getByRole("button", { name: "Tạo" }));

    expect(await screen.findByTestId("org-node-CB-LY")).toBeInTheDocument();
    const [sent] = api.requests("POST /api/v1/organizations");
    expect(await sent.json()).toEqual({
      kind: "branch",
      parent_id: 20,
      name: "Chi bộ Khoa Vật lý",
      code: "CB-LY",
    });
  });

  it("shows why an organisation cannot be deleted (409)", async () => {
    startSession();
    stubApi({
      "GET /api/v1/auth/me": () => json(adminMe),
      "GET /api/v1/organizations": treeAnswer([province]),
      "DELETE /api/v1/organizations/20": () =>
        problem(409, "organization_has_children", "Tổ chức còn tổ chức trực thuộc"),
    });
    renderApp("/organizations");

    await actionsOn("DB-DHSP");
    await userEvent.click(screen.getByRole("button", { name: /Xóa/ }));
    const confirm = await screen.findByRole("tooltip");
    await userEvent.click(within(confirm).getByRole("button", { name: "Xóa" }));

    await waitFor(() =>
      expect(screen.getByText("Tổ chức còn tổ chức trực thuộc")).toBeInTheDocument(),
    );
    expect(screen.getByTestId("org-detail")).toHaveTextContent("Đảng bộ Trường Đại học Sư phạm");
  });
});
