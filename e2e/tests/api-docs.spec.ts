import { expect, test } from "@playwright/test";

const localHosts = new Set(["127.0.0.1", "localhost", "[::1]"]);

test("Swagger UI shows the spec and loads nothing from outside this machine", async ({
  page,
  request,
}) => {
  const outside: string[] = [];
  page.on("request", (sent) => {
    const url = new URL(sent.url());
    if ((url.protocol === "http:" || url.protocol === "https:") && !localHosts.has(url.hostname)) {
      outside.push(sent.url());
    }
  });
  const spec = (await (await request.get("/api-docs/openapi.json")).json()) as {
    info: { title: string; version: string };
  };

  await page.goto("/api-docs/");

  // Swagger UI nests a .swagger-ui element inside its .swagger-ui container.
  const swagger = page.locator(".swagger-ui").first();
  await expect(swagger).toBeVisible();
  const title = swagger.locator(".info .title");
  await expect(title).toContainText(spec.info.title);
  await expect(title).toContainText(spec.info.version);
  await expect(swagger.getByText("/health/ready", { exact: true })).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(outside).toEqual([]);
});
