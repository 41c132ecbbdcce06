// Vietnamese is the source of truth: its keys define MessageKey, and English must match them.
import type { pages } from "@/lib/i18n/messages-vi";

// The frame's words (the header, the menu button, the errors shown in place of a page): the only
// ones in the first load. Every other word is in messages-vi.ts, loaded with the first page.
const vi = {
  "app.name": "kiemdiem",
  "app.tagline": "Kiểm điểm, đánh giá, xếp loại đảng viên",
  "locale.label": "Ngôn ngữ",
  "locale.vi": "Tiếng Việt",
  "locale.en": "English",
  "menu.label": "Menu chính",
  "menu.open": "Mở menu",
  "inputNumber.increase": "Tăng giá trị",
  "inputNumber.decrease": "Giảm giá trị",
  "error.network": "Không kết nối được máy chủ. Hãy kiểm tra kết nối mạng và thử lại.",
  "error.status": "Máy chủ trả lời lỗi {status}.",
  "auth.meFailed": "Không tải được thông tin tài khoản",
  "auth.retry": "Thử lại",
  "password.title": "Đổi mật khẩu",
  "password.changed": "Đã đổi mật khẩu",
  "routeError.title": "Đã có lỗi xảy ra",
  "routeError.subtitle": "Không mở được trang này. Hãy tải lại trang.",
  "routeError.reload": "Tải lại trang",
  "notifications.label": "Thông báo",
} satisfies Record<string, string>;

export type MessageKey = keyof typeof vi | keyof typeof pages;
export type Messages = Record<MessageKey, string>;

export const locales = ["vi", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "vi";

/**
 * The catalogues loaded so far. The first load has only the frame's Vietnamese words (above);
 * the pages' (messages-vi.ts) come with the first page (`withMessages`) and complete `vi` in
 * place; English (messages-en.ts) comes whole when someone chooses it (`loadMessages`).
 */
export const messages: { vi: Messages } & Partial<Record<Locale, Messages>> = {
  vi: vi as Messages,
};

let pagesLoaded: Promise<void> | null = null;

/** The Vietnamese words of the pages, loaded once (the app starts loading them at once). */
export function loadPageMessages(): Promise<void> {
  pagesLoaded ??= import("@/lib/i18n/messages-vi").then(
    (module) => void Object.assign(messages.vi, module.pages),
    (error: unknown) => {
      pagesLoaded = null; // tried again by the next page
      throw error;
    },
  );
  return pagesLoaded;
}

/** The whole catalogue of `locale`, loaded on first use. */
export async function loadMessages(locale: Locale): Promise<Messages> {
  if (locale === "en") {
    messages.en ??= (await import("@/lib/i18n/messages-en")).en;
    return messages.en;
  }
  await loadPageMessages();
  return messages.vi;
}

/**
 * `module` (a page's, or a part loaded when first shown) once the pages' words are there too:
 * both are loaded side by side. Anything but the frame (layout, header, errors) is loaded so.
 */
export async function withMessages<M>(module: Promise<M>): Promise<M> {
  const [loaded] = await Promise.all([module, loadPageMessages()]);
  return loaded;
}
