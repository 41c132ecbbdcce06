import createClient from "openapi-fetch";
import { toApiError } from "@/api/problem";
import type { paths } from "@/api/schema";

// Looking fetch up at call time (not at creation) lets tests stub globalThis.fetch.
export const client = createClient<paths>({
  baseUrl: "",
  fetch: (request) => globalThis.fetch(request),
});

type Result<T> = { data?: T; error?: unknown; response: Response };

/** The body and the response (for its headers) of a successful answer; any other is thrown. */
export async function unwrapResponse<T>(
  request: Promise<Result<T>>,
): Promise<{ data: T; response: Response }> {
  const { data, error, response } = await request;
  if (!response.ok) {
    throw toApiError(response, error);
  }
  return { data: data as T, response };
}

/** The body of a successful answer; any other answer is thrown as an ApiError. */
export async function unwrap<T>(request: Promise<Result<T>>): Promise<T> {
  return (await unwrapResponse(request)).data;
}
