// The settings page's fields, as data: which setting, how it is edited, what it means.
import type { Settings, SettingsSection } from "../../core/config/schema";

export type FieldKind = "integer" | "number" | "boolean" | "text" | "list";

export type SettingField = {
  section: SettingsSection;
  key: string;
  label: string;
  kind: FieldKind;
  help?: string;
};

export const FIELD_GROUPS: { title: string; fields: SettingField[] }[] = [
  {
    title: "Downloads",
    fields: [
      { section: "download", key: "concurrency", label: "Parallel downloads", kind: "integer", help: "1–10 files at once." },
      { section: "download", key: "per_host_concurrency", label: "Connections per host", kind: "integer" },
      { section: "download", key: "max_bandwidth_mbps", label: "Bandwidth cap (Mbit/s)", kind: "number", help: "0 means no cap." },
      {
        section: "download",
        key: "download_timeout",
        label: "Download stall timeout (s)",
        kind: "integer",
        help: "A download that makes no progress for this long is retried.",
      },
      { section: "download", key: "civitai_api_timeout", label: "API timeout (s)", kind: "integer" },
      { section: "download", key: "retries", label: "Retries", kind: "integer" },
      { section: "download", key: "resume_downloads", label: "Resume partial downloads", kind: "boolean" },
      { section: "download", key: "allow_private_networks", label: "Allow private network addresses", kind: "boolean", help: "Only for air-gapped mirrors." },
      { section: "download", key: "allowed_hosts", label: "Allowed download hosts", kind: "list", help: "One per line; *.example.com allows subdomains." },
    ],
  },
  {
    title: "Search cache",
    fields: [
      { section: "cache", key: "enabled", label: "Cache upstream answers", kind: "boolean" },
      { section: "cache", key: "ttl_hours", label: "Cache TTL (hours)", kind: "number" },
      { section: "cache", key: "max_size_mb", label: "Cache size cap (MB)", kind: "number" },
      { section: "resolve", key: "concurrency", label: "Parallel searches", kind: "integer", help: "Models searched at once (1–64)." },
      {
        section: "resolve",
        key: "per_host_concurrency",
        label: "API requests per service",
        kind: "integer",
        help: "Requests in flight to Civitai or Hugging Face at once (1–32).",
      },
      { section: "resolve", key: "model_lists", label: "Model lists", kind: "list", help: "Paths or URLs of model-list.json files, one per line." },
    ],
  },
  {
    title: "Paths",
    fields: [
      { section: "paths", key: "models_root", label: "Models root", kind: "text", help: "The ComfyUI models folder runs use unless they pick another." },
      {
        section: "paths",
        key: "models_roots",
        label: "Other models roots",
        kind: "list",
        help: "More folders runs and the inventory may pick, one absolute path per line. No other folder can be chosen.",
      },
      { section: "paths", key: "comfyui_url", label: "ComfyUI server URL", kind: "text", help: "Optional: ask a running ComfyUI where its folders are." },
      { section: "paths", key: "workflow_folders", label: "Workflow folders", kind: "list", help: "Folders runs may pick workflows from, one per line." },
      { section: "logging", key: "level", label: "Log level", kind: "text", help: "debug, info, warn or error." },
    ],
  },
];

export type FormValues = Record<string, string | boolean>;

export const fieldId = (field: SettingField) => `${field.section}.${field.key}`;

export function toFormValues(settings: Settings): FormValues {
  const values: FormValues = {};
  for (const field of FIELD_GROUPS.flatMap((group) => group.fields)) {
    const value = (settings[field.section] as Record<string, unknown>)[field.key];
    values[fieldId(field)] = field.kind === "boolean" ? Boolean(value) : field.kind === "list" ? (value as string[]).join("\n") : String(value ?? "");
  }
  return values;
}

/** The form's values as a settings patch, before validation. */
export function toPatch(values: FormValues): Record<string, Record<string, unknown>> {
  const patch: Record<string, Record<string, unknown>> = {};
  for (const field of FIELD_GROUPS.flatMap((group) => group.fields)) {
    const raw = values[fieldId(field)];
    const parsed =
      field.kind === "boolean"
        ? Boolean(raw)
        : field.kind === "list"
          ? String(raw)
              .split("\n")
              .map((line) => line.trim())
              .filter(Boolean)
          : field.kind === "integer" || field.kind === "number"
            ? String(raw).trim() === ""
              ? Number.NaN
              : Number(raw)
            : String(raw).trim();
    (patch[field.section] ??= {})[field.key] = parsed;
  }
  return patch;
}
