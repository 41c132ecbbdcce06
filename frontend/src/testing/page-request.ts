// Runs before any other module: openapi-fetch takes `Request` when its client is created.
// A browser resolves a relative URL ("/health/ready") against the page; Node's Request, which
// jsdom leaves in place, throws instead. Resolve against jsdom's location as the browser would.
class PageRequest extends Request {
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(typeof input === "string" ? new URL(input, window.location.href) : input, init);
  }
}
Object.defineProperty(globalThis, "Request", { writable: true, value: PageRequest });
