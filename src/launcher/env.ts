// The launcher's environment, parsed once at start: where to listen, which database, and the engine's and the access
// variables checked here too, so a bad value stops `npm start` with one line instead of failing later in a child process.
import { z } from "zod";
import { parseEngineEnv, type RawEnv } from "../core/config/env";
import { parseAccessEnv } from "../server/env";

const optional = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

const LauncherEnvSchema = z.object({
  PORT: optional
    .refine((value) => value === undefined || (/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 65535), "must be a port number from 1 to 65535")
    .transform((value) => (value === undefined ? 3000 : Number(value))),
  HOST: optional.transform((value) => value ?? "127.0.0.1"),
  DATABASE_URL: optional,
  COMFYFIXER_STATE_DIR: optional,
});

export type LauncherEnv = { port: number; host: string; databaseUrl: string | undefined; stateDir: string | undefined };

export function parseLauncherEnv(env: RawEnv): LauncherEnv {
  parseEngineEnv(env);
  parseAccessEnv(env);
  const parsed = LauncherEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`The environment is not valid: ${parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("; ")}.`);
  }
  return { port: parsed.data.PORT, host: parsed.data.HOST, databaseUrl: parsed.data.DATABASE_URL, stateDir: parsed.data.COMFYFIXER_STATE_DIR };
}
