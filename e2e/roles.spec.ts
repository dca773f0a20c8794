// A studio opens the dashboard to its people: the admin invites an operator and a viewer; the viewer can look but
// not start a run (no button, and the server says FORBIDDEN when the page is bypassed); the operator starts one; the
// admin sees both in the audit log.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { apiWorkflow, checkpoint, chooseWorkflows, SCREENSHOTS, startRun } from "./helpers";

async function invite(page: Page, email: string, role: "operator" | "viewer"): Promise<string> {
  await page.goto("/users");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption(role);
  await page.getByRole("button", { name: "Create invite link" }).click();
  return (await page.locator("[data-invite-link]").textContent())!.trim();
}

/** The invited person, in a browser of their own, opens the link and makes their account. */
async function accept(browser: Browser, link: string, name: string): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByText("You are invited as")).toBeVisible();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Password", { exact: true }).fill(`${name}-password-123`);
  await page.getByLabel("Password again").fill(`${name}-password-123`);
  await page.getByRole("button", { name: "Create my account" }).click();
  await expect(page.getByRole("heading", { name: "Runs" })).toBeVisible();
  return page;
}

test("an admin invites an operator and a viewer; only the operator starts runs; the audit log shows both", async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const suffix = Date.now().toString(36);
  const operatorEmail = `operator-${suffix}@studio.test`;
  const viewerEmail = `viewer-${suffix}@studio.test`;
  const operatorLink = await invite(page, operatorEmail, "operator");
  const viewerLink = await invite(page, viewerEmail, "viewer");
  expect(operatorLink, operatorLink).toMatch(new RegExp(`^${baseURL}/invite\\?token=`));
  await expect(page.getByText(`${viewerEmail} as viewer`)).toBeVisible();

  const viewer = await accept(browser, viewerLink, "viewer");
  await expect(viewer.locator("[data-role]")).toHaveText("viewer");
  await expect(viewer.getByRole("link", { name: "New run" })).toHaveCount(0);
  await expect(viewer.getByRole("link", { name: "Users" })).toHaveCount(0);
  await chooseWorkflows(viewer, [apiWorkflow("viewer.json", [checkpoint("viewer_only_looks.safetensors")])]);
  await expect(viewer.getByRole("button", { name: "Start run" })).toHaveCount(0);
  await expect(viewer.getByRole("note")).toContainText("starting a run takes the operator or admin role");
  await viewer.screenshot({ path: `${SCREENSHOTS}/viewer-new-run.png`, fullPage: true });
  // Bypassing the page: the same request the button would send, from the viewer's own browser session.
  const forced = await viewer.evaluate(async () => {
    const response = await fetch("/api/trpc/runs.create", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ json: { workflows: [{ fileName: "forced.json", content: "{}", encoding: "utf8" }] } }),
    });
    return { status: response.status, code: ((await response.json()) as { error: { json: { data: { code: string } } } }).error.json.data.code };
  });
  expect(forced).toEqual({ status: 403, code: "FORBIDDEN" });

  const operator = await accept(browser, operatorLink, "operator");
  await expect(operator.locator("[data-role]")).toHaveText("operator");
  await chooseWorkflows(operator, [apiWorkflow("operator.json", [checkpoint("dreamshaper_8.safetensors")])]);
  await operator.getByLabel("Dry run (find sources, download nothing)").check();
  const runId = await startRun(operator);
  await expect(operator.getByText(`Started by ${operatorEmail}`)).toBeVisible();
  await expect(operator.locator("[data-run-status]")).toHaveAttribute("data-run-status", "completed", { timeout: 60_000 });
  // The viewer sees the run (read-only: no cancel, no retry).
  await viewer.goto(`/runs/${runId}`);
  await expect(viewer.getByText(`Started by ${operatorEmail}`)).toBeVisible();
  await expect(viewer.getByRole("button", { name: /Cancel run|Retry failed/ })).toHaveCount(0);

  await page.goto("/audit");
  await page.getByLabel("Action").selectOption("run.started");
  const started = page.locator(`tr[data-audit-action="run.started"][data-audit-actor="${operatorEmail}"]`);
  await expect(started).toContainText(runId);
  await page.getByLabel("Action").selectOption("user");
  for (const email of [operatorEmail, viewerEmail]) {
    await expect(page.locator(`tr[data-audit-action="user.created"][data-audit-actor="${email}"]`)).toContainText("invite");
  }
  await page.getByLabel("Action").selectOption("");
  await page.getByLabel("Who (email)").fill(viewerEmail);
  await expect(page.locator(`tr[data-audit-action="auth.signed_in"][data-audit-actor="${viewerEmail}"]`)).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/audit.png`, fullPage: true });
  await viewer.context().close();
  await operator.context().close();
});
