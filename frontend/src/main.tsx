import "antd/dist/reset.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "@/app/app";
import { storedLocale } from "@/lib/i18n/i18n-context";
import { loadMessages, loadPageMessages } from "@/lib/i18n/messages";

const root = document.getElementById("root");
if (root === null) {
  throw new Error("index.html has no #root element");
}

// The first load has only the frame's Vietnamese words. The pages' words start loading now,
// alongside the first page (whose loader waits for them). Someone who chose English earlier gets
// its words before the first render (or, if they cannot be loaded, the app in Vietnamese).
const locale = storedLocale();
loadPageMessages().catch(() => undefined);
void (locale === "vi" ? Promise.resolve() : loadMessages(locale).catch(() => undefined)).then(
  () =>
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
);
