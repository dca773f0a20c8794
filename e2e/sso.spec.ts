// Single sign-on in the browser: an admin sets up the studio's identity provider (a real OpenID Provider, the npm
// `oidc-provider`, started here on loopback) on the Users page; a new person signs in through it and gets the role
// the admin chose for new SSO users.
import { expect, test } from "@playwright/test";
import { startIdentityProvider, type TestIdentityProvider } from "../src/test/identity-provider";
import { SCREENSHOTS } from "./helpers";

let idp: TestIdentityProvider;

test.afterAll(async () => {
  await idp?.close();
});

test("a new person signs in with the studio's identity provider and gets the role the admin chose", async ({ page, browser, baseURL }) => {
  idp = await startIdentityProvider({
    redirectUris: [`${baseURL}/api/auth/callback/oidc`],
    users: [{ sub: "mia", email: "mia@studio.test", name: "Mia Render" }],
  });
  await page.goto("/users");
  await expect(page.getByText(`${baseURL}/api/auth/callback/oidc`)).toBeVisible();
  await page.getByLabel("Issuer URL").fill(idp.issuer);
  await page.getByLabel("Client ID").fill(idp.clientId);
  await page.getByLabel("Client secret").fill(idp.clientSecret);
  await page.getByLabel("Button label").fill("Studio ID");
  await page.getByLabel("Role for people who sign in this way for the first time").selectOption("operator");
  await page.getByRole("button", { name: "Save single sign-on" }).click();
  await expect(page.getByText("Saved. The sign-in page offers it now.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Client secret")).toHaveAttribute("placeholder", /Saved/);
  await expect(page.getByLabel("Client secret")).toHaveValue("");

  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const mia = await context.newPage();
  await mia.goto("/inventory");
  await expect(mia).toHaveURL(/\/sign-in\?next=%2Finventory$/);
  await mia.getByRole("button", { name: "Sign in with Studio ID" }).click();
  await expect(mia).toHaveURL(new RegExp(`^${idp.issuer}/interaction/`));
  await mia.locator('input[name="login"]').fill("mia");
  await mia.locator('input[name="password"]').fill("anything");
  await mia.getByRole("button", { name: "Sign-in" }).click();
  await mia.getByRole("button", { name: "Continue" }).click();
  await expect(mia).toHaveURL(`${baseURL}/inventory`);
  await expect(mia.locator("[data-signed-in]")).toHaveText("mia@studio.test");
  await expect(mia.locator("[data-role]")).toHaveText("operator");
  await mia.screenshot({ path: `${SCREENSHOTS}/sso-signed-in.png` });
  await context.close();

  await page.goto("/users");
  await expect(page.locator('tr[data-user="mia@studio.test"]')).toContainText("sso");
  await page.getByRole("button", { name: "Turn off" }).click();
  await expect(page.getByText("Off.")).toBeVisible();
});
