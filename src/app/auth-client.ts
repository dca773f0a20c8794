// The dashboard's calls to /api/auth: better-auth's sign-in, sign-out and password change, and ComfyFixer's own
// endpoints beside them (src/server/auth/plugin.ts).

export type AuthError = { status: number; code: string | null; message: string };
export type AuthResult<T> = { data: T; error: null } | { data: null; error: AuthError };

export async function authRequest<T>(
  path: string,
  init: { method?: "GET" | "POST"; body?: unknown; query?: Record<string, string> } = {},
): Promise<AuthResult<T>> {
  const query = init.query ? `?${new URLSearchParams(init.query)}` : "";
  const method = init.method ?? (init.body === undefined ? "GET" : "POST");
  const response = await fetch(`/api/auth${path}${query}`, {
    method,
    headers: method === "POST" ? { "Content-Type": "application/json" } : undefined,
    body: method === "POST" ? JSON.stringify(init.body ?? {}) : undefined,
  }).catch(() => null);
  if (!response) return { data: null, error: { status: 0, code: null, message: "The server did not answer. Is ComfyFixer still running?" } };
  const payload = (await response.json().catch(() => null)) as (T & { message?: string; code?: string }) | null;
  if (!response.ok) {
    return {
      data: null,
      error: { status: response.status, code: payload?.code ?? null, message: payload?.message ?? `The server answered ${response.status}.` },
    };
  }
  return { data: payload as T, error: null };
}

/** What a failed sign-in means for the person at the keyboard. */
export function signInErrorMessage(error: AuthError): string {
  if (error.status === 429) return "Too many attempts from this address. Wait a minute and try again.";
  if (error.status === 401) return "That email and password do not match an account.";
  return error.message;
}

/** The codes better-auth puts in `?error=` after a failed single sign-on, in words. */
export function ssoErrorMessage(code: string): string {
  if (code === "signup_disabled") return "Your identity provider signed you in, but you have no ComfyFixer account yet. Ask an admin for an invite.";
  if (code === "account_not_linked")
    return "An account with your address exists, but your identity provider did not confirm the address. Sign in with your password.";
  return `Single sign-on did not complete (${code}). Try again, or sign in with your password.`;
}

/** A full page load at `path`: after signing in or out nothing cached for the previous session survives. */
export function loadPage(path: string): void {
  window.location.assign(new URL(path, window.location.href).href);
}

export async function signOut(): Promise<void> {
  await authRequest("/sign-out", { method: "POST" });
  loadPage("/sign-in");
}

/** Only a path on this dashboard, never another site (no open redirect through ?next=). */
export function localPath(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/";
}
