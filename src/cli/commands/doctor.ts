// `comfyfixer doctor`: reaches the configured Hugging Face and Civitai, says whether each token is accepted and for
// which account (never the token), whether downloads may follow their storage redirects, and how long answers take.
// What a user with internet runs first, and what a bug report pastes.
import { checkUpstreams, type DoctorReport, type ServiceCheck } from "../../core/doctor/check-upstreams";
import { hostPolicyFor } from "../../core/net/host-policy";
import { createHttpClient } from "../../core/net/http";
import { USER_AGENT } from "../../core/run/engine";
import { parseCommandArgs } from "../args";
import type { CliCommand, CliContext } from "../command";
import { loadCliSettings } from "../settings";

const usage = [
  "Usage: comfyfixer doctor [--config FILE] [--json]",
  "",
  "  --config FILE  a TOML file with settings to use (its allowed hosts are checked)",
  "  --json         print the report as JSON",
  "",
  "Checks HF_ENDPOINT and CIVITAI_BASE_URL with HF_TOKEN and CIVITAI_API_TOKEN. Exit code: 0 when everything",
  "answers and every token set is accepted, 3 when something needs attention.",
].join("\n");

const NAMES: Record<ServiceCheck["service"], string> = { huggingface: "Hugging Face", civitai: "Civitai" };

export function formatDoctorReport(report: DoctorReport): string {
  const lines: string[] = [];
  for (const service of report.services) {
    const reach = service.reachable ? `answered ${service.status} in ${service.roundTripMs} ms` : (service.problem ?? "did not answer");
    lines.push(`${service.reachable ? "✓" : "✗"} ${NAMES[service.service]} at ${service.endpoint}: ${reach}`);
    if (service.reachable && service.problem) lines.push(`    ${service.problem}`);
    const mark = service.token.accepted === true ? "✓" : service.token.accepted === false ? "✗" : "·";
    lines.push(`    ${mark} token: ${service.token.detail}`);
    if (service.rateLimit) lines.push(`    · rate limit: ${service.rateLimit}`);
    for (const host of service.storage) {
      lines.push(
        `    ${host.allowed ? "✓" : "✗"} storage ${host.host} (${host.seen === "redirect" ? "where a download redirected" : "documented"}): ${host.allowed ? "allowed" : "not in the allowed hosts — add it under Settings → allowed hosts"}`,
      );
    }
  }
  lines.push("", report.ok ? "Everything answers as it should." : "Something needs attention (see ✗ above).");
  return lines.join("\n") + "\n";
}

async function run(argv: string[], { env }: CliContext): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    config: { type: "string" },
    json: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  });
  if (values.help) {
    process.stdout.write(usage + "\n");
    return 0;
  }
  const settings = await loadCliSettings(values.config);
  const policy = hostPolicyFor(settings.download, env);
  const http = createHttpClient({ policy, tokens: env.tokens, endpoints: env.endpoints, userAgent: USER_AGENT });
  try {
    const report = await checkUpstreams({
      http,
      policy,
      endpoints: env.endpoints,
      tokens: env.tokens,
      timeoutMs: settings.download.civitai_api_timeout * 1000,
    });
    process.stdout.write(values.json ? JSON.stringify(report, null, 2) + "\n" : formatDoctorReport(report));
    return report.ok ? 0 : 3;
  } finally {
    await http.close();
  }
}

export const command: CliCommand = {
  usage,
  run,
};
