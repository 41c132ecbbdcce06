import { expect, test } from "@playwright/test";

test("an unknown API path answers 404 with problem+json, not the SPA", async ({ request }) => {
  const response = await request.get("/api/v1/does-not-exist");

  expect(response.status()).toBe(404);
  expect(response.headers()["content-type"]).toContain("application/problem+json");
  const body = (await response.json()) as Record<string, unknown>;
  expect(body.status).toBe(404);
  expect(typeof body.code).toBe("string");
  expect(body.code).not.toBe("");
});
