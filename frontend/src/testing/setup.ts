import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";
import { session } from "@/lib/auth/session";

// The first test of a file loads the lazy route chunks: slow on a busy two-core machine.
configure({ asyncUtilTimeout: 5000 });

// antd's responsive components (Layout.Sider breakpoints, Grid) query media: jsdom has no matchMedia…
Object.defineProperty(window, "matchMedia", {
  writable: true,
  value: (query: string): MediaQueryList => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => {},
    removeListener: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
    dispatchEvent: () => false,
  }),
});

// …and rc-component's overflow and resize handling observe sizes; jsdom has no ResizeObserver either.
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
Object.defineProperty(window, "ResizeObserver", { writable: true, value: ResizeObserverStub });

afterEach(() => {
  cleanup();
  // The session is the page's: each test starts logged out.
  session.end();
  window.localStorage.clear();
});
