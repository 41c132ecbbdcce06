import { describe, expect, it } from "vitest";
import { historySourceText } from "@/lib/domain/labels";
import { messages, type MessageKey } from "@/lib/i18n/messages";

const t = (key: MessageKey) => messages.vi[key];

describe("a member's history source", () => {
  it("names what the API writes in Vietnamese, an unknown one by its code", () => {
    expect(historySourceText(t, "classified")).toBe("Xếp loại trong hệ thống");
    expect(historySourceText(t, "reclassified")).toBe("Xếp loại lại trong hệ thống");
    expect(historySourceText(t, "imported")).toBe("Từ hồ sơ các năm trước");
    expect(historySourceText(t, "teleported")).toBe("teleported");
  });
});
