import type { components } from "@/api/schema";

export type Problem = components["schemas"]["Problem"];
export type FieldError = NonNullable<Problem["errors"]>[number];

/** A failed API call; `problem` is null when the body was not RFC 9457 problem+json. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;

  constructor(status: number, problem: Problem | null) {
    // The problem's `detail` is written for people (in Vietnamese): it is the message the UI shows.
    super(problem?.detail ?? `HTTP ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
  }

  get code(): string | undefined {
    return this.problem?.code;
  }

  get fieldErrors(): FieldError[] {
    return this.problem?.errors ?? [];
  }
}

function isProblem(body: unknown): body is Problem {
  if (typeof body !== "object" || body === null) return false;
  const { status, code, detail, title } = body as Record<string, unknown>;
  return (
    typeof status === "number" &&
    typeof code === "string" &&
    typeof detail === "string" &&
    typeof title === "string"
  );
}

export function toApiError(response: Response, body: unknown): ApiError {
  return new ApiError(response.status, isProblem(body) ? body : null);
}
