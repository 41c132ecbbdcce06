import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  base,
  branch,
  member,
  memberPage,
  treeAnswer,
  versionedAnswer,
} from "@/features/members/testing/fixtures";
import { adminMe, json, meWith, problem, startSession, stubApi } from "@/testing/api";
import { renderApp } from "@/testing/render-app";

function formItemOf(input: HTMLElement): HTMLElement {
  const item = input.closest<HTMLElement>(".ant-form-item");
  if (item === null) throw new Error("not in a form item");
  return item;
}

/** Picks `option` in the antd Select labelled `label` inside `container`. */
async function choose(container: HTMLElement, label: string, option: string) {
  await userEvent.click(within(container).getByLabelText(label));
  const options = await screen.findAllByTitle(option);
  await userEvent.click(options.at(-1) as HTMLElement);
}

/** Types a date (dd/mm/yyyy) into the antd DatePicker labelled `label`. */
async function typeDate(container: HTMLElement, label: string, date: string) {
  const input = within(container).getByLabelText(label);
  await userEvent.click(input);
  await userEvent.type(input, date);
  // Leaving the field keeps the date (Enter would submit the form).
  await userEvent.tab();
}

describe("member form", () => {
  it("names the version read in If-Match, and asks to reload when it is stale (412)", async () => {
    startSession();
    let current = member(5, "Nguyễn Thị Lan", { version: 3 });
    const api = stubApi({
      "GET /api/v1/auth/me": () => json(adminMe),
      "GET /api/v1/organizations": treeAnswer([base]),
      "GET /api/v1/members/5": () => versionedAnswer(current),
      "GET /api/v1/members/5/disciplines": () => json([]),
      "PATCH /api/v1/members/5": (request) => {
        if (request.headers.get("If-Match") !== `"m5-v${current.version}"`) {
          return problem(412, "precondition_failed", "Bản ghi đã được người khác thay đổi");
        }
        current = { ...current, phone: "0912345678", version: current.version + 1 };
        return versionedAnswer(current);
      },
    });
    renderApp("/members/5");

    await userEvent.click(await screen.findByRole("button", { name: /Sửa/ }));
    const drawer = await screen.findByRole("dialog");
    const phone = await within(drawer).findByLabelText("Điện thoại");
    await userEvent.type(phone, "0912345678");
    // Meanwhile someone else changes the record.
    current = { ...current, workplace_post: "Trưởng bộ môn", version: 4 };
    await userEvent.click(within(drawer).getByRole("button", { name: "Lưu" }));

    expect(
      await within(drawer).findByText("Bản ghi đã bị người khác sửa; hãy tải lại"),
    ).toBeInTheDocument();
    const [refused] = api.requests("PATCH /api/v1/members/5");
    expect(refused.headers.get("If-Match")).toBe('"m5-v3"');
    // Only what changed is sent: the other fields stay as they are on the server.
    expect(await refused.json()).toEqual({ phone: "0912345678" });

    await userEvent.click(within(drawer).getByRole("button", { name: /Tải lại/ }));
    await waitFor(() =>
      expect(within(drawer).getByLabelText("Chức vụ công tác")).toHaveValue("Trưởng bộ môn"),
    );
    expect(within(drawer).queryByText("Bản ghi đã bị người khác sửa; hãy tải lại")).toBeNull();
    await userEvent.type(within(drawer).getByLabelText("Điện thoại"), "0912345678");
    await userEvent.click(within(drawer).getByRole("button", { name: "Lưu" }));

    await waitFor(() =>
      expect(screen.getByTestId("member-profile")).toHaveTextContent("0912345678"),
    );
    const [, accepted] = api.requests("PATCH /api/v1/members/5");
    expect(accepted.headers.get("If-Match")).toBe('"m5-v4"');
  });

  it("marks every field the server found invalid (422) on a new member", async () => {
    startSession();
    const api = stubApi({
      "GET /api/v1/auth/me": () => json(meWith("branch_committee", branch.id, branch.name)),
      "GET /api/v1/organizations": treeAnswer([branch]),
      "GET /api/v1/members": () => memberPage([]),
      "POST /api/v1/members": () =>
        problem(422, "validation_failed", "Có 4 trường dữ liệu không hợp lệ", [
          {
            field: "admitted_on",
            code: "too_young",
            message: "Người vào Đảng phải đủ 18 tuổi",
          },
          {
            field: "card_number",
            code: "invalid_card_number",
            message: "Số thẻ đảng viên gồm 6–16 chữ số, có thể ngăn cách bằng . hoặc -",
          },
          { field: "email", code: "invalid_email", message: "Địa chỉ email không hợp lệ" },
          { field: "phone", code: "invalid_phone", message: "Số điện thoại không hợp lệ" },
        ]),
    });
    renderApp("/members");

    await userEvent.click(await screen.findByRole("button", { name: /Thêm đảng viên/ }));
    const drawer = await screen.findByRole("dialog");
    await userEvent.type(await within(drawer).findByLabelText("Họ và tên"), "Phạm Thị Hoa");
    await userEvent.type(within(drawer).getByLabelText("Số thẻ đảng viên"), "12ab");
    await choose(drawer, "Giới tính", "Nữ");
    await typeDate(drawer, "Ngày sinh", "02/05/1995");
    await choose(drawer, "Đối tượng", "Học sinh, sinh viên");
    await typeDate(drawer, "Ngày vào Đảng", "01/01/2010");
    await typeDate(drawer, "Ngày chính thức", "01/01/2011");
    await userEvent.type(within(drawer).getByLabelText("Điện thoại"), "12345");
    await userEvent.type(within(drawer).getByLabelText("Email"), "hoa@");
    await userEvent.click(within(drawer).getByRole("button", { name: "Tạo" }));

    const invalid = {
      "Ngày vào Đảng": "Người vào Đảng phải đủ 18 tuổi",
      "Số thẻ đảng viên": "Số thẻ đảng viên gồm 6–16 chữ số, có thể ngăn cách bằng . hoặc -",
      Email: "Địa chỉ email không hợp lệ",
      "Điện thoại": "Số điện thoại không hợp lệ",
    };
    for (const [label, text] of Object.entries(invalid)) {
      const input = within(drawer).getByLabelText(label);
      expect(await within(formItemOf(input)).findByText(text)).toBeInTheDocument();
      expect(input).toHaveAttribute("aria-invalid", "true");
    }
    expect(within(drawer).getByLabelText("Họ và tên")).not.toHaveAttribute("aria-invalid", "true");
    // Every error found its field: nothing is left for the form as a whole.
    expect(within(drawer).queryByRole("alert")).not.toBeInTheDocument();
    const sent = api.requests("POST /api/v1/members");
    expect(sent).toHaveLength(1);
    expect(await sent[0].json()).toMatchObject({
      full_name: "Phạm Thị Hoa",
      card_number: "12ab",
      gender: "female",
      date_of_birth: "1995-05-02",
      // The only branch the branch committee may add members to is chosen for it.
      branch_id: branch.id,
      status: "official",
      admitted_on: "2010-01-01",
      official_on: "2011-01-01",
      category: "student",
      phone: "12345",
      email: "hoa@",
    });
  });
});
