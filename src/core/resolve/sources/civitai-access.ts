// Whether this user may download a Civitai file, and its exact size, asked of the download endpoint itself without
// fetching the file. Civitai counts that request as a download (src/pages/api/download/models/[modelVersionId].ts:204-244
// logs it and feeds the per-user/IP limiter before redirecting), so it is asked once per file and only a yes is kept.
import type { Resolution, ResolutionAttempt } from "../../model";
import { needsAuth, type Finding, type SourceContext } from "../outcome";
import { cloudflareChallengeMessage, HostUnreachableError, isCloudflareChallenge } from "../upstream";

type DownloadProbe = {
  status: number;
  location: string | null;
  contentType: string;
  message: string;
  cloudflare: boolean;
  size: number | null;
};

const PROBE_TEXT_LIMIT = 400;

const isLoginRedirect = (location: string) => /\/login\b|reason=download-auth/i.test(location);

/**
 * The size of a presigned storage URL without a HEAD, which R2/S3 refuse on URLs signed for GET (adobe/S3Mock#125):
 * a one-byte GET and the total of its Content-Range, as huggingface.js does (lib/file-download-info.ts:60-69).
 */
async function storageSize(context: SourceContext, location: URL): Promise<number | null> {
  const answer = await context.client.request(location, {
    method: "GET",
    redirect: "manual",
    readBody: false,
    headers: { range: "bytes=0-0" },
    signal: context.signal,
  });
  const total = answer.headers["content-range"]?.match(/\/(\d+)\s*$/)?.[1];
  if (answer.status === 206 && total) return Number(total);
  const length = Number(answer.headers["content-length"]);
  return answer.status === 200 && Number.isFinite(length) && length > 0 ? length : null;
}

async function probeDownload(context: SourceContext, url: URL): Promise<DownloadProbe> {
  const answer = await context.client.request(url, { method: "GET", redirect: "manual", readBody: "text-only", signal: context.signal });
  const body = answer.body as { message?: string; error?: string } | string | null;
  const message = typeof body === "string" ? body.slice(0, PROBE_TEXT_LIMIT) : (body?.message ?? body?.error ?? "");
  const location = answer.headers.location ? new URL(answer.headers.location, url).href : null;
  const probe: DownloadProbe = {
    status: answer.status,
    location,
    contentType: answer.headers["content-type"] ?? "",
    message,
    cloudflare: isCloudflareChallenge(answer),
    size: null,
  };
  if (!location || answer.status < 300 || answer.status >= 400 || isLoginRedirect(location)) return probe;
  // The download that follows goes straight there: one API answer (and one counted download) fewer.
  context.storage?.remember(url, new URL(location));
  try {
    return { ...probe, location: null, size: await storageSize(context, new URL(location)) };
  } catch (error) {
    context.log("debug", `Sizing Civitai's storage URL failed (${context.client.redact(String(error))}); the size stays unknown`);
    return { ...probe, location: null };
  }
}

const SIGN_IN_HINT = "set CIVITAI_API_TOKEN (create an API key under civitai.com → Account settings → API Keys)";

type Verdict = { status: "ok" | "needs_auth" | "error"; why: string };

/** What a download answer means for the user, in the order Civitai makes its checks (file.service.ts:153-399). */
function probeVerdict(probe: DownloadProbe, host: string, hasToken: boolean): Verdict {
  if (probe.cloudflare) return { status: "error", why: cloudflareChallengeMessage(host) };
  if (probe.status === 429) {
    return {
      status: "error",
      why: `Civitai is limiting downloads from this account or address ("${probe.message || "429"}"): try again later; each check of a file counts as a download there`,
    };
  }
  if (probe.status === 410) return { status: "error", why: "the model is archived on Civitai and can no longer be downloaded; find another source" };
  if (probe.status === 401 && /disabled downloads/i.test(probe.message)) {
    return { status: "needs_auth", why: "the creator has disabled downloads of this file on Civitai; find another source or ask the creator" };
  }
  if (probe.status === 401 || (probe.location && isLoginRedirect(probe.location))) {
    // An unknown key is treated as no key by Civitai (src/server/auth/bearer-token.ts:15-43), so a 401 with one sent means it is not valid.
    return hasToken
      ? {
          status: "needs_auth",
          why: "Civitai did not accept CIVITAI_API_TOKEN for this download (invalid, expired or revoked key): create a new key and set it",
        }
      : { status: "needs_auth", why: `Civitai requires a logged-in user to download this file: ${SIGN_IN_HINT}` };
  }
  if (probe.status === 403) {
    if (/early access/i.test(probe.message))
      return { status: "needs_auth", why: "this version is in Early Access on Civitai: wait until it ends, or unlock it on the model page" };
    return { status: "needs_auth", why: `Civitai refused this download for this account (${probe.message || "403"})` };
  }
  if (probe.status >= 200 && probe.status < 300 && /html/i.test(probe.contentType)) {
    return {
      status: "error",
      why: `Civitai answered with a web page instead of the file (a sign-in or check page): open the model page in a browser; if it asks to sign in, ${SIGN_IN_HINT}`,
    };
  }
  if (probe.status === 404) return { status: "error", why: "Civitai lists this file but its download answered 404 (removed?)" };
  if (probe.status >= 400) return { status: "error", why: `Civitai's download answered ${probe.status}${probe.message ? ` (${probe.message})` : ""}` };
  return { status: "ok", why: "" };
}

export async function checkCivitaiDownload(
  context: SourceContext,
  resolution: Resolution,
  finding: Finding,
  attempts: ResolutionAttempt[],
): Promise<Resolution> {
  const candidate = resolution.candidates[0];
  if (!candidate || !resolution.url) return resolution;
  const hasToken = Boolean(context.tokens.civitai);
  const url = new URL(resolution.url);
  const query = `download check ${url.pathname}${url.search}`;
  // Without a key an early-access file is refused for sure; asking would only count a download. With one, the key may have bought access.
  if (finding.earlyAccess && !hasToken) {
    attempts.push({ source: "civitai", query, result: "not asked: early access and no CIVITAI_API_TOKEN" });
    return needsAuth(
      candidate,
      `${resolution.reason}, but this version is in Early Access on Civitai: wait until it ends, or unlock it at ${candidate.page ?? "the model page"} and set CIVITAI_API_TOKEN`,
    );
  }
  const probe = await context.client.cached(
    context.client.keyFor("PROBE", url),
    async (): Promise<DownloadProbe | null> => {
      try {
        return await probeDownload(context, url);
      } catch (error) {
        if (error instanceof HostUnreachableError || context.signal?.aborted) throw error;
        context.log("warn", `Checking the Civitai download ${url.pathname} failed: ${context.client.redact(String(error))}`);
        return null;
      }
    },
    // Only a yes is kept: a refusal (login, early access, limiter) can change within the cache's lifetime.
    (answer) => answer !== null && probeVerdict(answer, url.host, hasToken).status === "ok",
  );
  if (!probe) {
    attempts.push({ source: "civitai", query, result: "could not be asked" });
    return resolution;
  }
  const verdict = probeVerdict(probe, url.host, hasToken);
  attempts.push({
    source: "civitai",
    query,
    result: verdict.status === "ok" ? `allowed${probe.size !== null ? `, ${probe.size} bytes` : ""}` : `${probe.status}: ${verdict.why}`,
  });
  if (verdict.status === "needs_auth") return needsAuth(candidate, `${resolution.reason}, but ${verdict.why}`);
  if (verdict.status === "error") return { ...resolution, status: "error", reason: `${resolution.reason}, but ${verdict.why}` };
  const sized = { ...candidate, size: probe.size };
  return { ...resolution, size: probe.size, candidates: [sized, ...resolution.candidates.slice(1)] };
}
