// The first start of a fresh install: the launcher's one-time set-up link makes the first admin in the browser. That
// admin's signed-in browser and an API key made on the Account page are what every other spec starts from.
import { mkdirSync, writeFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { ADMIN_EMAIL, ADMIN_KEY_FILE, ADMIN_PASSWORD, ADMIN_STATE, AUTH_DIR } from "./accounts";

test("the set-up link makes the first admin, once", async ({ page, baseURL }) => {
  const setupUrl = process.env.E2E_SETUP_URL!;
  expect(setupUrl.startsWith(`${baseURL}/setup?token=`)).toBe(true);

  // Before that, the dashboard sends everyone to the sign-in page.
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);

  await page.goto(setupUrl);
  await expect(page.getByText("No account exists yet")).toBeVisible();
  await page.getByLabel("Email").fill(ADMIN_EMAIL);
  await page.getByLabel("Name").fill("First Admin");
  await page.getByLabel("Password", { exact: true }).fill(ADMIN_PASSWORD);
  await page.getByLabel("Password again").fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Create the admin account" }).click();
  await expect(page.getByRole("heading", { name: "Runs" })).toBeVisible();
  await expect(page.locator("[data-signed-in]")).toHaveText(ADMIN_EMAIL);
  await expect(page.locator("[data-role]")).toHaveText("admin");
  for (const label of ["Users", "Audit"]) await expect(page.getByRole("link", { name: label, exact: true })).toBeVisible();

  // Used once: the same link makes nothing more.
  const again = await page.context().browser()!.newContext();
  const other = await again.newPage();
  await other.goto(setupUrl);
  await expect(other.getByRole("alert").filter({ hasText: "This link does not work" })).toContainText("already used");
  await again.close();

  // The default models root, so runs started from any spec land in the e2e models folder.
  await page.goto("/settings");
  await page.getByLabel("Models root", { exact: true }).fill(process.env.E2E_MODELS_DIR!);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status")).toContainText("Saved");

  await page.goto("/account");
  await page.getByLabel("New key for").fill("browser tests");
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.locator("[data-api-key]").textContent())!.trim();
  expect(key).toMatch(/^cf_/);
  await expect(page.locator('[data-api-key-row="browser tests"]')).toContainText("never");

  mkdirSync(AUTH_DIR, { recursive: true });
  writeFileSync(ADMIN_KEY_FILE, key, { mode: 0o600 });
  await page.context().storageState({ path: ADMIN_STATE });
});
