// The better-auth instance: email + password, sessions in Postgres, API keys, OpenID Connect sign-in, sign-in rate
// limits, and ComfyFixer's own endpoints (invites, the set-up link, the demo sign-in). Built by auth/instance.ts.
import { apiKey } from "@better-auth/api-key";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { genericOAuth } from "better-auth/plugins/generic-oauth";
import { recordAudit } from "../audit/audit-log";
import type { Db } from "../db/client";
import type { ServerEnv } from "../env";
import { CLIENT_ADDRESS_HEADER } from "../http/client-address";
import { derivedKey } from "../secrets/master-key";
import { comfyfixerAuthPlugin } from "./plugin";
import { API_KEY_PREFIX, AUTH_BASE_PATH, MIN_PASSWORD_LENGTH, SESSION_DAYS } from "./policy";
import { discoveryUrlOf, OIDC_PROVIDER_ID, type OidcConfig } from "./oidc-settings";
import { isRole } from "../../core/roles";

export type AuthOptions = {
  db: Db;
  env: ServerEnv;
  oidc: OidcConfig | null;
  /** The scheme requests arrive with: cookies are Secure (and __Secure- named) over https. */
  protocol: "http" | "https";
  /** Sign-in attempts per client address and minute. */
  signInLimit?: number;
};

/** Where the server is when no request says (commands and the launcher): the public URL, else loopback. */
export function fallbackBaseUrl(env: Pick<ServerEnv, "publicUrl">, port = 3000): string {
  return env.publicUrl ? env.publicUrl.origin : `http://127.0.0.1:${port}`;
}

const signInMethodOf = (path: string | undefined): string => {
  if (path === "/sign-in/email") return "password";
  if (path?.startsWith("/callback/")) return "sso";
  if (path === "/invite/accept") return "invite";
  if (path === "/demo/sign-in") return "demo";
  return path ?? "server";
};

export function createAuth(options: AuthOptions) {
  const { db, env, oidc } = options;
  const addressOf = (headers: Headers | undefined) => headers?.get(CLIENT_ADDRESS_HEADER) ?? null;
  return betterAuth({
    appName: "ComfyFixer",
    // The request's own host (already checked by the web server's host rule), so a LAN address works as well as the
    // public URL; the fallback serves calls made without a request.
    baseURL: { allowedHosts: ["*"], protocol: options.protocol, fallback: fallbackBaseUrl(env) },
    basePath: AUTH_BASE_PATH,
    secret: derivedKey(env.secretKey, "sessions").toString("hex"),
    database: prismaAdapter(db, { provider: "postgresql", transaction: true }),
    telemetry: { enabled: false },
    emailAndPassword: {
      enabled: true,
      // Accounts come from the set-up link, invites, the environment, the CLI and SSO, never from a sign-up form.
      disableSignUp: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      revokeSessionsOnPasswordReset: true,
    },
    user: { additionalFields: { role: { type: "string", required: false, input: false } } },
    session: { expiresIn: SESSION_DAYS * 24 * 3600, updateAge: 24 * 3600 },
    account: { accountLinking: { enabled: true } },
    rateLimit: {
      // better-auth enables it in production only; sign-in is limited everywhere.
      enabled: true,
      storage: "database",
      window: 60,
      max: 300,
      customRules: {
        "/sign-in/email": { window: 60, max: options.signInLimit ?? 10 },
        "/sign-in/social": { window: 60, max: 30 },
        "/invite/accept": { window: 60, max: 10 },
        "/change-password": { window: 60, max: 10 },
      },
    },
    advanced: {
      cookiePrefix: "comfyfixer",
      // The web server decides the client address once (src/server/http/client-address.ts) and passes it here.
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
    },
    databaseHooks: {
      user: {
        create: {
          // Only single sign-on creates accounts without a role: they get the one the admin chose.
          before: async (user) => (isRole(user.role) ? undefined : { data: { ...user, role: oidc && isRole(oidc.newUserRole) ? oidc.newUserRole : "viewer" } }),
          after: async (user, context) => {
            if (!context?.path?.startsWith("/callback/")) return;
            await recordAudit(db, {
              actor: { id: user.id, email: user.email },
              via: "session",
              address: addressOf(context.headers),
              action: "user.created",
              target: user.email,
              details: { role: user.role, provider: oidc?.name ?? OIDC_PROVIDER_ID },
            });
          },
        },
      },
      session: {
        create: {
          after: async (session, context) => {
            const user = await db.user.findUnique({ where: { id: session.userId }, select: { email: true } });
            await recordAudit(db, {
              actor: { id: session.userId, email: user?.email ?? null },
              via: "session",
              address: session.ipAddress ?? addressOf(context?.headers),
              action: "auth.signed_in",
              target: user?.email ?? null,
              details: { method: signInMethodOf(context?.path) },
            });
          },
        },
      },
    },
    hooks: {
      after: createAuthMiddleware(async (context) => {
        const returned = context.context.returned;
        const failed = returned instanceof APIError;
        const address = addressOf(context.headers);
        if (context.path === "/sign-in/email" && failed) {
          const email = typeof context.body?.email === "string" ? context.body.email.toLowerCase().slice(0, 200) : null;
          await recordAudit(db, {
            actor: null,
            via: "session",
            address,
            action: "auth.sign_in_failed",
            target: email,
            details: { reason: returned.body?.code ?? returned.status },
          });
        }
        if (context.path?.startsWith("/callback/")) {
          const location = returned instanceof Response ? returned.headers.get("location") : (context.context.responseHeaders?.get("location") ?? null);
          const error = location ? new URL(location, "http://x").searchParams.get("error") : null;
          if (error) await recordAudit(db, { actor: null, via: "session", address, action: "auth.sign_in_failed", target: null, details: { reason: error } });
        }
        if (context.path === "/change-password" && !failed && context.context.session) {
          const { user } = context.context.session;
          await recordAudit(db, {
            actor: { id: user.id, email: user.email },
            via: "session",
            address,
            action: "account.password_changed",
            target: user.email,
            details: {},
          });
        }
      }),
    },
    plugins: [
      apiKey({
        schema: { apikey: { modelName: "apiKey" } },
        defaultPrefix: API_KEY_PREFIX,
        // The plugin's own limit (10 requests a day per key by default) would refuse a busy CLI; keys are
        // verified by auth/actor.ts, which records when each was last used.
        rateLimit: { enabled: false },
        maximumNameLength: 64,
      }),
      ...(oidc
        ? [
            genericOAuth({
              config: [
                {
                  providerId: OIDC_PROVIDER_ID,
                  name: oidc.name,
                  discoveryUrl: discoveryUrlOf(oidc.issuer),
                  clientId: oidc.clientId,
                  clientSecret: oidc.clientSecret,
                  scopes: ["openid", "email", "profile"],
                  pkce: true,
                  authentication: "basic",
                  requireIdTokenVerification: true,
                  // "none": only people who already have an account (an invite, the CLI) may sign in this way.
                  disableImplicitSignUp: oidc.newUserRole === "none",
                },
              ],
            }),
          ]
        : []),
      comfyfixerAuthPlugin({ db, env, oidc }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
