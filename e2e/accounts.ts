// Where the browser tests keep the first admin's signed-in browser state and API key (made by accounts.setup.ts).
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const AUTH_DIR = join("test-results", "e2e", ".auth");
export const ADMIN_STATE = join(AUTH_DIR, "admin.json");
export const ADMIN_KEY_FILE = join(AUTH_DIR, "admin-api-key.txt");
export const ADMIN_EMAIL = "admin@studio.test";
export const ADMIN_PASSWORD = "first-admin-password";

/** The admin's API key, for set-up steps through the API. */
export const adminApiKey = () => readFileSync(ADMIN_KEY_FILE, "utf8").trim();
