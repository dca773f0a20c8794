// The settings schema, shared by the server, the CLI and the settings page (no I/O here).
import { z } from "zod";

const hostPattern = z
  .string()
  .trim()
  .min(1)
  .regex(/^(\*\.)?[a-z0-9.-]+(:\d+)?$/i, "a host name such as civitai.com or *.hf.co");

export const DownloadSettingsSchema = z.object({
  concurrency: z.number().int().min(1).max(10),
  per_host_concurrency: z.number().int().min(1).max(16),
  chunk_size: z
    .number()
    .int()
    .min(64 * 1024)
    .max(1024 * 1024 * 1024),
  max_bandwidth_mbps: z.number().min(0).max(100_000),
  resume_downloads: z.boolean(),
  civitai_api_timeout: z.number().int().min(1).max(600),
  download_timeout: z.number().int().min(1).max(3600),
  retries: z.number().int().min(0).max(10),
  allowed_hosts: z.array(hostPattern),
  allow_private_networks: z.boolean(),
});

export const ResolveSettingsSchema = z.object({
  /** Models searched at once: sized for the services' answer time, not for the download slots. */
  concurrency: z.number().int().min(1).max(64),
  /** API requests in flight to one host at once (Civitai, Hugging Face), within what their rate limits take. */
  per_host_concurrency: z.number().int().min(1).max(32),
  model_lists: z.array(z.string().trim().min(1)),
});

export const CacheSettingsSchema = z.object({
  enabled: z.boolean(),
  ttl_hours: z
    .number()
    .min(0)
    .max(24 * 365),
  max_size_mb: z.number().min(1).max(100_000),
});

export const PathSettingsSchema = z.object({
  models_root: z.string(),
  /** More models folders an admin allows runs and the inventory to use (the dashboard picks from these, never types a path). */
  models_roots: z.array(z.string().trim().min(1)),
  comfyui_url: z.union([z.literal(""), z.url()]),
  workflow_folders: z.array(z.string().trim().min(1)),
});

export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const LoggingSettingsSchema = z.object({
  level: z.enum(LOG_LEVELS),
});

export const SettingsSchema = z.object({
  download: DownloadSettingsSchema,
  resolve: ResolveSettingsSchema,
  cache: CacheSettingsSchema,
  paths: PathSettingsSchema,
  logging: LoggingSettingsSchema,
});

export type Settings = z.infer<typeof SettingsSchema>;
export type SettingsSection = keyof Settings;

/** A partial update: any section, any subset of its keys. */
export const SettingsPatchSchema = z.object({
  download: DownloadSettingsSchema.partial().optional(),
  resolve: ResolveSettingsSchema.partial().optional(),
  cache: CacheSettingsSchema.partial().optional(),
  paths: PathSettingsSchema.partial().optional(),
  logging: LoggingSettingsSchema.partial().optional(),
});
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;
