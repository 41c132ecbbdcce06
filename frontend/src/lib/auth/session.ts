import type { Middleware } from "openapi-fetch";
import { client } from "@/api/client";
import type { components } from "@/api/schema";

export type TokenResponse = components["schemas"]["TokenResponse"];

/** The refresh token survives a reload; the access token lives in memory only. */
export const refreshStorageKey = "kiemdiem.refresh";

// Renew this long before the access token expires, so that requests rarely meet a 401.
const renewAheadMs = 60_000;
// An access token this close to its expiry is renewed before a request rather than sent.
const expirySlackMs = 5_000;

// Requests that authenticate by their body, not by the access token.
const unauthenticatedPaths = new Set([
  "/api/v1/auth/login",
  "/api/v1/auth/refresh",
  "/api/v1/auth/logout",
  "/api/v1/auth/token",
]);

type Access = { token: string; expiresAt: number };

function storedRefreshToken(): string | null {
  return window.localStorage.getItem(refreshStorageKey);
}

/**
 * The tokens of the person using this page. Refresh tokens rotate on every use and a reused one
 * revokes its whole family, so every renewal goes through one shared call (`renew`), and, across
 * the tabs of a browser, through a Web Lock when the browser has them.
 */
export class Session {
  #access: Access | null = null;
  #renewing: Promise<string | null> | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #listeners = new Set<() => void>();

  /** Whether a session is open (or can be resumed from a stored refresh token). */
  get signedIn(): boolean {
    return this.#access !== null || storedRefreshToken() !== null;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getSignedIn = (): boolean => this.signedIn;

  /** Opens a session with the answer of a login (or of a refresh). */
  start(tokens: TokenResponse): string {
    if (tokens.refresh_token) {
      window.localStorage.setItem(refreshStorageKey, tokens.refresh_token);
    }
    this.#access = {
      token: tokens.access_token,
      expiresAt: Date.now() + tokens.expires_in * 1000,
    };
    clearTimeout(this.#timer);
    const lifetimeMs = tokens.expires_in * 1000;
    this.#timer = setTimeout(
      () => void this.renew().catch(() => undefined),
      lifetimeMs - Math.min(renewAheadMs, lifetimeMs / 2),
    );
    this.#notify();
    return tokens.access_token;
  }

  /** Forgets every token of this page (the server is not told: see `logout`). */
  end(): void {
    const wasSignedIn = this.signedIn;
    clearTimeout(this.#timer);
    this.#access = null;
    window.localStorage.removeItem(refreshStorageKey);
    if (wasSignedIn) this.#notify();
  }

  /** Revokes the refresh token's family on the server and forgets the tokens. */
  async logout(): Promise<void> {
    await this.#renewing?.catch(() => undefined);
    const refreshToken = storedRefreshToken();
    this.end();
    if (refreshToken !== null) {
      // Logging out locally must not wait on, or fail with, an unreachable server.
      await client
        .POST("/api/v1/auth/logout", { body: { refresh_token: refreshToken } })
        .catch(() => undefined);
    }
  }

  /** A valid access token, renewed first when it is missing or about to expire. */
  async accessToken(): Promise<string | null> {
    if (this.#renewing !== null) return this.#renewing;
    if (this.#access !== null && Date.now() < this.#access.expiresAt - expirySlackMs) {
      return this.#access.token;
    }
    return storedRefreshToken() === null ? null : this.renew();
  }

  /**
   * After the server refused `rejected`: a newer token when another request already renewed it,
   * otherwise the one shared renewal.
   */
  renewAfterRejection(rejected: string): Promise<string | null> {
    if (this.#renewing !== null) return this.#renewing;
    if (this.#access !== null && this.#access.token !== rejected) {
      return Promise.resolve(this.#access.token);
    }
    return this.renew();
  }

  /** Exchanges the refresh token for a new pair; concurrent callers share one call. */
  renew(): Promise<string | null> {
    this.#renewing ??= this.#lockedRenewal().finally(() => {
      this.#renewing = null;
    });
    return this.#renewing;
  }

  async #lockedRenewal(): Promise<string | null> {
    const locks = typeof navigator === "undefined" ? undefined : navigator.locks;
    if (locks === undefined) return this.#renewal();
    let token: string | null = null;
    await locks.request(refreshStorageKey, async () => {
      token = await this.#renewal();
    });
    return token;
  }

  async #renewal(): Promise<string | null> {
    // Read at the last moment: another tab may have rotated the token meanwhile.
    const refreshToken = storedRefreshToken();
    if (refreshToken === null) {
      this.end();
      return null;
    }
    // A network failure is thrown: the session stays open and the next request tries again.
    const { data, response } = await client.POST("/api/v1/auth/refresh", {
      body: { refresh_token: refreshToken },
    });
    if (data === undefined || !response.ok) {
      if (response.status === 401 || response.status === 422) this.end();
      return null;
    }
    return this.start(data);
  }

  #notify() {
    for (const listener of this.#listeners) listener();
  }
}

/**
 * Puts `Authorization: Bearer` on every API request. On a 401 it renews the token once and
 * retries the request once; a second 401 ends the session.
 */
export function authMiddleware(session: Session): Middleware {
  // The body of a sent request is spent: a copy is kept, by request id, for the retry.
  const sent = new Map<string, { copy: Request; token: string }>();
  return {
    async onRequest({ request, schemaPath, id }) {
      if (!schemaPath.startsWith("/api/") || unauthenticatedPaths.has(schemaPath)) {
        return undefined;
      }
      const token = await session.accessToken();
      if (token === null) return undefined;
      request.headers.set("Authorization", `Bearer ${token}`);
      sent.set(id, { copy: request.clone(), token });
      return request;
    },
    async onResponse({ response, id, options }) {
      const first = sent.get(id);
      sent.delete(id);
      if (first === undefined || response.status !== 401) return undefined;
      const token = await session.renewAfterRejection(first.token);
      if (token === null) return undefined;
      first.copy.headers.set("Authorization", `Bearer ${token}`);
      const retried = await options.fetch(first.copy);
      if (retried.status === 401) session.end();
      return retried;
    },
    onError({ id }) {
      sent.delete(id);
      return undefined;
    },
  };
}

/** The session of this page, wired into the API client. */
export const session = new Session();
client.use(authMiddleware(session));

// Another tab logged out (or its session ended): this one follows.
if (typeof window !== "undefined") {
  window.addEventListener("storage", (event) => {
    if (event.key === refreshStorageKey && event.newValue === null) session.end();
  });
}
