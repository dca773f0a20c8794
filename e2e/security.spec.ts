// The real app refuses everyone else: a foreign Host (DNS rebinding), a form posted from another origin with the
// admin's cookie in the browser, calls with no session or key, and model roots nobody configured.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { rawRequest } from "../src/test/route-server";
import { api } from "./helpers";

test("a foreign Host, a cross-origin form, an anonymous call and an unlisted models root are all refused", async ({ page, baseURL }) => {
  const port = new URL(baseURL!).port;
  for (const path of ["/", "/api/health", "/api/trpc/settings.get"]) {
    const rebinding = await rawRequest(`${baseURL}${path}`, { headers: { host: `attacker.example:${port}` } });
    expect(rebinding.status, path).toBe(403);
  }

  const anonymous = await rawRequest(`${baseURL}/api/trpc/settings.get`, { headers: { host: `127.0.0.1:${port}` } });
  expect(anonymous.status).toBe(401);
  expect(JSON.parse((await rawRequest(`${baseURL}/api/health`, { headers: { host: `127.0.0.1:${port}` } })).body)).toEqual({ ok: true });

  // A page of another origin (same host, other port) posts a form to the dashboard; the browser holds the admin's
  // cookie and sends it (same site), but the request's Origin is not the dashboard's.
  const before = (await api(baseURL!).settings.get.query()).settings.download.concurrency;
  const attacker: Server = createServer((_request, response) => {
    response.writeHead(200, { "Content-Type": "text/html" }).end(`<!doctype html>
      <form id="f" method="POST" enctype="multipart/form-data" action="${baseURL}/api/trpc/settings.update">
        <input name="json" value='{"download":{"concurrency":9}}'><button>go</button>
      </form>`);
  });
  await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
  try {
    await page.goto(`http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`);
    await page.getByRole("button", { name: "go" }).click();
    await expect(page.locator("body")).toContainText("Refused: this request comes from");
  } finally {
    await new Promise<void>((resolve) => attacker.close(() => resolve()));
  }
  expect((await api(baseURL!).settings.get.query()).settings.download.concurrency).toBe(before);

  // Even the admin's API key cannot make the server scan or download into a folder nobody listed.
  for (const modelsRoot of ["/etc", "/root", "/tmp"]) {
    const error = await api(baseURL!)
      .inventory.get.query({ modelsRoot })
      .catch((caught: unknown) => caught as { data?: { code?: string }; message: string });
    expect((error as { data?: { code?: string } }).data?.code, modelsRoot).toBe("FORBIDDEN");
  }
});
