import { expect, type APIRequestContext } from "@playwright/test";

/** The API as one user: each call checks the status it expects and gives the JSON answer. */
export type Api = {
  token: string;
  get: <T>(url: string, what: string) => Promise<T>;
  post: <T = { id: number }>(
    url: string,
    data: unknown,
    what: string,
    status?: number,
  ) => Promise<T>;
  put: <T = unknown>(url: string, data: unknown, what: string, status?: number) => Promise<T>;
};

/** Logs `username` in through the API (not the page) and gives their API. */
export async function apiAs(
  request: APIRequestContext,
  username: string,
  password: string,
): Promise<Api> {
  const login = await request.post("/api/v1/auth/login", { data: { username, password } });
  expect(login.status(), `login of ${username}`).toBe(200);
  const { access_token: token } = (await login.json()) as { access_token: string };
  const headers = { Authorization: `Bearer ${token}` };
  const send = async <T>(
    method: "get" | "post" | "put",
    url: string,
    data: unknown,
    what: string,
    status: number,
  ): Promise<T> => {
    const answer = await request[method](url, { headers, data });
    expect(answer.status(), `${what}: ${await answer.text()}`).toBe(status);
    return (await answer.json()) as T;
  };
  return {
    token,
    get: (url, what) => send("get", url, undefined, what, 200),
    post: (url, data, what, status = 201) => send("post", url, data, what, status),
    put: (url, data, what, status = 200) => send("put", url, data, what, status),
  };
}
