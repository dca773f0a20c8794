// The server's environment, validated once at start-up.
import { z } from "zod";

const EnvSchema = z.object({
  DATABASE_URL: z.string().min(1, "DATABASE_URL is not set: start the app with `npm start`, which starts an embedded PostgreSQL when no DATABASE_URL is given"),
  COMFYUI_MODELS_DIR: z.string().optional(),
  COMFYFIXER_DEMO: z.enum(["0", "1"]).optional(),
  COMFYFIXER_WORKER_ID: z.string().optional(),
});

export type ServerEnv = z.infer<typeof EnvSchema>;

let cached: ServerEnv | undefined;

export function serverEnv(): ServerEnv {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) throw new Error(`Invalid environment: ${z.prettifyError(parsed.error)}`);
  cached = parsed.data;
  return cached;
}
