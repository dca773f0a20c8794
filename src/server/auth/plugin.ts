// ComfyFixer's own better-auth endpoints, under /api/auth like sign-in (so they share its origin check, rate limits
// and session cookies): what the sign-in page offers, invite and set-up links, and the demo's automatic sign-in.
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthEndpoint } from "better-auth/api";
import { setSessionCookie } from "better-auth/cookies";
import { z } from "zod";
import { recordAudit } from "../audit/audit-log";
import type { Db } from "../db/client";
import type { ServerEnv } from "../env";
import { AppError } from "../errors";
import { clientAddressOf } from "../http/client-address";
import { createAccount } from "./accounts";
import { claimInvite, peekInvite } from "./invites";
import type { OidcConfig } from "./oidc-settings";
import { MIN_PASSWORD_LENGTH } from "./policy";

/** The demo's admin: it has no password, only the demo's loopback sign-in. */
export const DEMO_ADMIN_EMAIL = "admin@demo.invalid";

const isLoopback = (address: string) => address === "::1" || /^127\.\d+\.\d+\.\d+$/.test(address);

const apiErrorOf = (error: unknown): never => {
  if (error instanceof AppError) {
    throw new APIError(error.code === "CONFLICT" ? "CONFLICT" : error.code === "NOT_FOUND" ? "NOT_FOUND" : "BAD_REQUEST", { message: error.message });
  }
  throw error;
};

export function comfyfixerAuthPlugin(deps: { db: Db; env: ServerEnv; oidc: OidcConfig | null }) {
  const { db, env, oidc } = deps;
  return {
    id: "comfyfixer",
    endpoints: {
      // Not under /sign-in…: better-auth limits those paths to a few requests per 10 s.
      signInOptions: createAuthEndpoint("/options", { method: "GET" }, async (ctx) =>
        ctx.json({ oidc: oidc ? { name: oidc.name } : null, demo: env.demo, minPasswordLength: MIN_PASSWORD_LENGTH }),
      ),

      inviteDetails: createAuthEndpoint("/invite/details", { method: "GET", query: z.object({ token: z.string().min(1).max(200) }) }, async (ctx) => {
        const invite = await peekInvite(db, ctx.query.token);
        if (!invite) throw new APIError("NOT_FOUND", { message: "This link was already used, has expired or never existed. Ask an admin for a new one." });
        return ctx.json({ kind: invite.kind, email: invite.email, role: invite.role });
      }),

      acceptInvite: createAuthEndpoint(
        "/invite/accept",
        {
          method: "POST",
          body: z.object({
            token: z.string().min(1).max(200),
            /** Only the set-up link lets the person choose the address; an invite is for the address it names. */
            email: z.string().max(200).optional(),
            name: z.string().trim().max(100).default(""),
            password: z.string().max(128),
          }),
        },
        async (ctx) => {
          const invite = await claimInvite(db, ctx.body.token);
          if (!invite) throw new APIError("NOT_FOUND", { message: "This link was already used, has expired or never existed. Ask an admin for a new one." });
          if (invite.kind === "setup" && (await db.user.count()) > 0) {
            throw new APIError("CONFLICT", {
              message: "An account already exists, so the set-up link no longer works. Sign in, or ask an admin for an invite.",
            });
          }
          const email = invite.kind === "setup" ? (ctx.body.email ?? "") : invite.email!;
          const user = await createAccount(ctx.context, { email, name: ctx.body.name, role: invite.role, password: ctx.body.password }).catch(
            async (error: unknown) => {
              await invite.release();
              return apiErrorOf(error);
            },
          );
          await recordAudit(db, {
            actor: { id: user.id, email: user.email },
            via: "session",
            address: clientAddressOf(ctx.headers ?? new Headers()),
            action: "user.created",
            target: user.email,
            details: { role: user.role, method: invite.kind === "setup" ? "set-up link" : "invite" },
          });
          const session = await ctx.context.internalAdapter.createSession(user.id);
          await setSessionCookie(ctx, { session, user });
          return ctx.json({ user: { email: user.email, role: user.role } });
        },
      ),

      demoSignIn: createAuthEndpoint("/demo/sign-in", { method: "POST" }, async (ctx) => {
        const address = clientAddressOf(ctx.headers ?? new Headers());
        if (!env.demo || !address || !isLoopback(address)) throw new APIError("NOT_FOUND", { message: "Not found." });
        const found = await ctx.context.internalAdapter.findUserByEmail(DEMO_ADMIN_EMAIL);
        if (!found) throw new APIError("NOT_FOUND", { message: "The demo admin does not exist; start the demo with `npm run demo`." });
        const session = await ctx.context.internalAdapter.createSession(found.user.id);
        await setSessionCookie(ctx, { session, user: found.user });
        return ctx.json({ user: { email: found.user.email } });
      }),
    },
  } satisfies BetterAuthPlugin;
}
