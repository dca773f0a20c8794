// tRPC set-up: the context (database, queue and environment injected), the transformer, and the procedure builders.
import { initTRPC } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import { db as processDb, type Db } from "../db/client";
import { serverEnv, type ServerEnv } from "../env";
import { AppError, toTRPCError } from "../errors";
import { processRunQueue, type RunQueue } from "../jobs/run-queue";

export type Context = { db: Db; queue: RunQueue; env: ServerEnv };

/** The context without an HTTP request: integration tests call routers through this. */
export function createContextInner(options: { db?: Db; queue?: RunQueue; env?: ServerEnv } = {}): Context {
  return { db: options.db ?? processDb(), queue: options.queue ?? processRunQueue(), env: options.env ?? serverEnv() };
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

export const router = t.router;
export const publicProcedure = t.procedure.use(appErrors);
export const createCallerFactory = t.createCallerFactory;
