import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

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

// A browser resolves a relative URL ("/health/ready") against the page; Node's Request, which
// jsdom leaves in place, throws instead. Resolve against jsdom's location as the browser would.
class PageRequest extends Request {
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(typeof input === "string" ? new URL(input, window.location.href) : input, init);
  }
}
Object.defineProperty(globalThis, "Request", { writable: true, value: PageRequest });

afterEach(() => {
  cleanup();
  window.localStorage.clear();
});
