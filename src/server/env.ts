// The server's environment (web app and worker), validated once when the process starts and read from here after.
import { z } from "zod";
import { parseEngineEnv, type EngineEnv, type RawEnv } from "../core/config/env";

const optional = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

const ServerEnvSchema = z.object({
  DATABASE_URL: optional.pipe(
    z
      .string({ message: "is not set: start the app with `npm start`, which starts an embedded PostgreSQL when no DATABASE_URL is given" })
      .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL"),
  ),
  COMFYFIXER_DEMO: optional.pipe(z.enum(["0", "1"], { message: 'must be "1" or "0"' }).optional()).transform((value) => value === "1"),
  COMFYFIXER_WORKER_ID: optional,
  COMFYFIXER_STALE_RUN_SECONDS: optional
    .refine((value) => value === undefined || Number(value) > 0, "must be a number of seconds above 0")
    .transform((value) => (value === undefined ? 20 : Number(value))),
});

export type ServerEnv = {
  databaseUrl: string;
  demo: boolean;
  workerId: string | undefined;
  /** How long a worker's heartbeat may be silent before its run is taken up by another worker. */
  staleRunSeconds: number;
  engine: EngineEnv;
};

export function parseServerEnv(env: RawEnv): ServerEnv {
  const parsed = ServerEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`The environment is not valid: ${parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("; ")}.`);
  }
  return {
    databaseUrl: parsed.data.DATABASE_URL,
    demo: parsed.data.COMFYFIXER_DEMO,
    workerId: parsed.data.COMFYFIXER_WORKER_ID,
    staleRunSeconds: parsed.data.COMFYFIXER_STALE_RUN_SECONDS,
    engine: parseEngineEnv(env),
  };
}

const globalForEnv = globalThis as unknown as { comfyfixerServerEnv?: ServerEnv };

/** This process's environment, parsed on first use (the web app's instrumentation and the worker's main do it at start). */
export function serverEnv(): ServerEnv {
  return (globalForEnv.comfyfixerServerEnv ??= parseServerEnv(process.env));
}
