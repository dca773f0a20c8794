// The settings page's "check connections": the same check as `comfyfixer doctor`, with the settings and tokens a run
// on this server would use.
import { checkUpstreams, type DoctorReport } from "../../core/doctor/check-upstreams";
import { hostPolicyFor } from "../../core/net/host-policy";
import { createHttpClient } from "../../core/net/http";
import { USER_AGENT } from "../../core/run/engine";
import type { Db } from "../db/client";
import type { ServerEnv } from "../env";
import { getSettings, getTokens } from "./settings";

export async function checkConnections(db: Db, env: ServerEnv): Promise<DoctorReport> {
  const settings = await getSettings(db);
  const saved = await getTokens(db, env);
  const tokens = { civitai: saved.civitai_api_token ?? null, huggingface: saved.hf_token ?? null };
  const endpoints = env.engine.endpoints;
  const policy = hostPolicyFor(settings.download, env.engine);
  const http = createHttpClient({ policy, tokens, endpoints, userAgent: USER_AGENT });
  try {
    return await checkUpstreams({ http, policy, endpoints, tokens, timeoutMs: settings.download.civitai_api_timeout * 1000 });
  } finally {
    await http.close();
  }
}
