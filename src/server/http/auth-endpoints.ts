// Which of better-auth's endpoints the dashboard serves over HTTP. Everything else it offers (sign-up, its admin and
// api-key endpoints, account deletion…) stays unreachable: users, roles and keys change through the audited tRPC API.
import { AUTH_BASE_PATH } from "../auth/policy";
import { OIDC_PROVIDER_ID } from "../auth/oidc-settings";

const SERVED: Record<string, ReadonlySet<string>> = {
  GET: new Set(["/get-session", "/options", "/invite/details", `/callback/${OIDC_PROVIDER_ID}`, "/error", "/ok"]),
  POST: new Set(["/sign-in/email", "/sign-in/social", "/sign-out", "/change-password", "/invite/accept", "/demo/sign-in"]),
};

export function isServedAuthEndpoint(method: string, pathname: string): boolean {
  if (!pathname.startsWith(`${AUTH_BASE_PATH}/`)) return false;
  return SERVED[method]?.has(pathname.slice(AUTH_BASE_PATH.length).replace(/\/+$/, "")) ?? false;
}
