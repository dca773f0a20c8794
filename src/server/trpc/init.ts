// tRPC set-up: the context (database, queue, environment and the caller), the transformer, and the procedure builder
// every procedure starts from: `authorized(permission)` refuses callers without a session or API key (UNAUTHORIZED)
// and roles without the permission (FORBIDDEN).
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import { recordAudit, type AuditAction } from "../audit/audit-log";
import { resolveActor, type Actor } from "../auth/actor";
import type { Auth } from "../auth/auth";
import { authFor, type Protocol } from "../auth/instance";
import { protocolOf, requestOrigin } from "../auth/request";
import { can, forbiddenMessage, type Permission } from "../../core/roles";
import { db as processDb, type Db } from "../db/client";
import { serverEnv, type ServerEnv } from "../env";
import { AppError, toTRPCError } from "../errors";
import { clientAddressOf } from "../http/client-address";
import { processRunQueue, type RunQueue } from "../jobs/run-queue";

export type Context = {
  db: Db;
  queue: RunQueue;
  env: ServerEnv;
  /** Who calls; null without a valid session or API key. */
  actor: Actor | null;
  /** The client's address, as the web server decided it. */
  address: string | null;
  /** The dashboard's address as the caller reached it (links made for others use COMFYFIXER_PUBLIC_URL first). */
  origin: string | null;
  auth(): Promise<Auth>;
};

type ContextOptions = {
  db?: Db;
  queue?: RunQueue;
  env?: ServerEnv;
  actor?: Actor | null;
  address?: string | null;
  origin?: string | null;
  protocol?: Protocol;
};

/** The context without an HTTP request (integration tests pass the caller they resolved). */
export function createContextInner(options: ContextOptions = {}): Context {
  const db = options.db ?? processDb();
  const env = options.env ?? serverEnv();
  return {
    db,
    env,
    queue: options.queue ?? processRunQueue(),
    actor: options.actor ?? null,
    address: options.address ?? null,
    origin: options.origin ?? null,
    auth: () => authFor({ db, env }, options.protocol ?? "http"),
  };
}

/** The context of a request: the caller from its session cookie or `Authorization: Bearer` API key. */
export async function createRequestContext(
  request: { headers: Headers; url: string },
  options: Omit<ContextOptions, "actor" | "address" | "origin"> = {},
): Promise<Context> {
  const inner = createContextInner({ ...options, protocol: protocolOf(request.url), origin: requestOrigin(request) });
  const actor = await resolveActor(await inner.auth(), inner.db, request.headers);
  return { ...inner, actor, address: clientAddressOf(request.headers) };
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    return {
      ...shape,
      data: {
        ...shape.data,
        zodError: error.cause instanceof ZodError ? z.flattenError(error.cause) : null,
      },
    };
  },
});

/** Turns a service's AppError into the matching tRPC error, so routers stay thin. */
const appErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) throw toTRPCError(result.error.cause);
  return result;
});

const signedIn = t.procedure.use(appErrors).use(({ ctx, next }) => {
  if (!ctx.actor) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first, or send an API key as `Authorization: Bearer <key>`." });
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});

export type SignedInContext = Context & { actor: Actor };

/** A procedure only callers whose role has `permission` may call. */
export function authorized(permission: Permission) {
  return signedIn.use(({ ctx, next }) => {
    if (!can(ctx.actor.role, permission)) throw new TRPCError({ code: "FORBIDDEN", message: forbiddenMessage(ctx.actor.role, permission) });
    return next();
  });
}

/** Writes what the caller did to the audit log. */
export function audit(ctx: SignedInContext, action: AuditAction, target: string | null, details: Record<string, unknown> = {}): Promise<void> {
  return recordAudit(ctx.db, {
    actor: { id: ctx.actor.userId, email: ctx.actor.email },
    via: ctx.actor.via,
    address: ctx.address,
    action,
    target,
    details: ctx.actor.apiKeyId ? { ...details, apiKeyId: ctx.actor.apiKeyId } : details,
  });
}

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
