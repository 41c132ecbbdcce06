import { describe, expect, it, vi as vitest } from "vitest";
import type { FeatureMessages } from "@/lib/i18n/use-t";
import { messages } from "@/lib/i18n/messages";
import { en } from "@/lib/i18n/messages-en";
import { pages } from "@/lib/i18n/messages-vi";

// Every feature keeps its words private and hands them to `useFeatureT`: catch them there, by
// calling each feature's `use…T` hook (outside React: the mock below uses no React hook).
const caught: FeatureMessages<string>[] = [];
vitest.mock("@/lib/i18n/use-t", () => ({
  useFeatureT: (feature: FeatureMessages<string>) => {
    caught.push(feature);
    return () => "";
  },
}));

const featureModules = import.meta.glob<Record<string, unknown>>("/src/features/*/messages.ts", {
  eager: true,
});

type Catalogue = { name: string; vi: Record<string, string>; en: Record<string, string> };

function catalogues(): Catalogue[] {
  const found: Catalogue[] = [
    { name: "lib/i18n/messages.ts", vi: { ...messages.vi, ...pages }, en },
  ];
  for (const [path, module] of Object.entries(featureModules)) {
    const hooks = Object.entries(module).filter(
      ([name, value]) => /^use\w*T$/.test(name) && typeof value === "function",
    );
    if (hooks.length === 0) throw new Error(`${path}: no use…T hook exported`);
    for (const [name, hook] of hooks) {
      caught.length = 0;
      (hook as () => unknown)();
      const feature = caught[0];
      if (feature === undefined) throw new Error(`${path}: ${name} did not call useFeatureT`);
      found.push({ name: path.replace(/^\/src\//, ""), vi: feature.vi, en: feature.en });
    }
  }
  return found;
}

const all = catalogues();

// `{{key}}` is literal text (a figure's key shown to the user), not a placeholder.
function placeholders(message: string): string[] {
  return [...message.matchAll(/(?<!\{)\{(\w+)\}(?!\})/g)].map((match) => match[1]).sort();
}

// Words that give English away; none of them is a Vietnamese word written without diacritics.
const englishWords = new Set([
  "the", "of", "and", "to", "not", "is", "are", "by", "with", "for", "from", "this", "that",
  "has", "have", "no", "an", "be", "was", "were", "will", "your", "on", "at", "or", "in",
  "value", "increase", "decrease", "finalize", "classified", "submitted", "pending", "draft",
  "approved", "rejected", "created", "updated", "deleted", "member", "members", "organization",
  "session", "voting", "year", "cycle", "report", "reports", "user", "users", "error",
]);

/** A Vietnamese message that is plainly English: ASCII letters only, with two English words. */
function looksEnglish(message: string): boolean {
  const stripped = message.replace(/\{\w+\}/g, " ");
  if (!/^[\w .,:;!?'"()/%+–—-]*$/.test(stripped)) return false;
  const words = stripped.toLowerCase().match(/[a-z]+/g) ?? [];
  return words.filter((word) => englishWords.has(word)).length >= 2;
}

// The same in both languages on purpose: names, codes and loanwords used as-is in Vietnamese.
const sameInBothLanguages: Record<string, string> = {
  "app.name": "the product's name",
  "locale.en": "each language is named in itself",
  "locale.vi": "each language is named in itself",
  "member.email": "“Email” is the usual Vietnamese word",
  "menu.webhooks": "the technical term, used as-is in Vietnamese",
};

/** Long enough to be a sentence or a word, not a code (“W1”, “PDF”, “{year}”, “CSV”). */
function isWords(message: string): boolean {
  const letters = message.replace(/\{\w+\}/g, "").replace(/[^\p{L}]/gu, "");
  return letters.length > 4 && letters !== letters.toUpperCase();
}

describe("message catalogues", () => {
  it("finds the app's dictionary and every feature's", () => {
    expect(all.length).toBeGreaterThanOrEqual(1 + Object.keys(featureModules).length);
  });

  describe.each(all)("$name", ({ vi, en }) => {
    it("has the same keys in vi and en", () => {
      expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    });

    it("has no empty message", () => {
      const empty = [...Object.entries(vi), ...Object.entries(en)]
        .filter(([, message]) => message.trim() === "")
        .map(([key]) => key);
      expect(empty).toEqual([]);
    });

    it("has the same {placeholders} in vi and en", () => {
      const different = Object.keys(vi).filter(
        (key) => placeholders(vi[key]).join() !== placeholders(en[key] ?? "").join(),
      );
      expect(different).toEqual([]);
    });

    it("has no English left in vi", () => {
      const english = Object.entries(vi)
        .filter(([key, message]) => {
          if (key in sameInBothLanguages) return false;
          return looksEnglish(message) || (message === en[key] && isWords(message));
        })
        .map(([key, message]) => `${key}: ${message}`);
      expect(english).toEqual([]);
    });
  });
});

describe("looksEnglish", () => {
  it("catches English and lets Vietnamese through", () => {
    expect(looksEnglish("finalize voting_session")).toBe(true);
    expect(looksEnglish("Not found by the server")).toBe(true);
    expect(looksEnglish("Không tìm thấy")).toBe(false);
    expect(looksEnglish("Webhook")).toBe(false);
    expect(looksEnglish("{name}: {count}")).toBe(false);
  });
});
