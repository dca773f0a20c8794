// tRPC set-up: the context (database injected) and the procedure builders every router uses.
import { initTRPC } from "@trpc/server";
import { ZodError, z } from "zod";
import { db as processDb, type Db } from "../db/client";
import { AppError, toTRPCError } from "../errors";
import { processRunQueue, type RunQueue } from "../jobs/run-queue";

export type Context = { db: Db; queue: RunQueue };

/** The context without an HTTP request: integration tests call routers through this. */
export function createContextInner(options: { db?: Db; queue?: RunQueue } = {}): Context {
  return { db: options.db ?? processDb(), queue: options.queue ?? processRunQueue() };
}

const t = initTRPC.context<Context>().create({
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
