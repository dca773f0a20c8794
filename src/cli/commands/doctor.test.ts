// `comfyfixer doctor` as a user runs it, against the upstream simulator over loopback.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DoctorReport } from "../../core/doctor/check-upstreams";
import { comfyfixer } from "../../test/cli";
import { resolverCatalogue, startSim } from "../../test/fixtures/resolve";
import { simEnv } from "../../test/sim-env";
import { cloudflareChallenge, type UpstreamSim } from "../../test/sim";

let sim: UpstreamSim;
const HF_TOKEN = "hf_doctor_token_0123456789";
const CIVITAI_TOKEN = "civitai_doctor_key_0123456789";

beforeAll(async () => {
  sim = await startSim(resolverCatalogue(), {
    hfToken: HF_TOKEN,
    hfAccount: { name: "team-bot", role: "read" },
    civitaiToken: CIVITAI_TOKEN,
    civitaiAccount: { username: "team-civitai" },
  });
});
afterAll(() => sim?.close());

const doctor = (tokens: Record<string, string | undefined>, args: string[] = ["--json"]) =>
  comfyfixer(["doctor", ...args], { ...simEnv(sim), HF_TOKEN: undefined, CIVITAI_API_TOKEN: undefined, ...tokens });

describe("comfyfixer doctor", () => {
  it("says each token is accepted and for which account, the round trip, and where storage redirects go — never the tokens", async () => {
    const run = await doctor({ HF_TOKEN, CIVITAI_API_TOKEN: CIVITAI_TOKEN });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).not.toContain(HF_TOKEN);
    expect(run.stdout).not.toContain(CIVITAI_TOKEN);
    const report = JSON.parse(run.stdout) as DoctorReport;
    const [hf, civitai] = report.services;
    expect(hf).toMatchObject({ service: "huggingface", endpoint: sim.hfUrl, reachable: true, status: 200, token: { accepted: true, account: "team-bot" } });
    expect(hf?.token.detail).toContain("token role: read");
    expect(hf?.roundTripMs).toBeGreaterThanOrEqual(0);
    expect(hf?.rateLimit).toMatch(/^"api";r=\d+;t=\d+ \("fixed window";"api";q=1000;w=300\)$/);
    // The live /resolve of Comfy-Org's Wan 2.1 VAE redirects to the simulator's storage host (allowed for tests).
    expect(hf?.storage[0]).toEqual({ host: new URL(sim.storageUrl).host, allowed: true, seen: "redirect" });
    expect(hf?.storage.find((host) => host.host === "cas-bridge.xethub.hf.co")).toMatchObject({ allowed: true });
    expect(civitai).toMatchObject({ service: "civitai", reachable: true, token: { accepted: true, account: "team-civitai" } });
    expect(report.ok).toBe(true);
    // A key check is not a download: nothing was counted.
    expect(sim.counters().civitaiDownloads).toBe(0);
  });

  it("says a wrong token is rejected, and exits 3", async () => {
    const run = await doctor({ HF_TOKEN: "hf_stale", CIVITAI_API_TOKEN: "revoked" });
    expect(run.code).toBe(3);
    const report = JSON.parse(run.stdout) as DoctorReport;
    expect(report.services.map((service) => service.token.accepted)).toEqual([false, false]);
    expect(report.services[0]?.token.detail).toContain("Hugging Face rejected HF_TOKEN");
    expect(report.services[1]?.token.detail).toContain("Civitai did not accept CIVITAI_API_TOKEN");
  });

  it("without tokens says what cannot be downloaded, and reports a Cloudflare challenge for a person", async () => {
    sim.addFault(cloudflareChallenge("civitai", "/api/v1/enums"));
    const run = await doctor({}, []);
    expect(run.code).toBe(3);
    expect(run.stdout).toContain("no HF_TOKEN: gated and private repos cannot be downloaded");
    expect(run.stdout).toContain("Cloudflare's bot check");
    expect(run.stdout).toContain("Something needs attention");
  });

  it("says a storage host outside the allowed hosts would refuse downloads", async () => {
    const run = await comfyfixer(["doctor", "--json"], { ...simEnv(sim), COMFYFIXER_ALLOWED_HOSTS: "" });
    const report = JSON.parse(run.stdout) as DoctorReport;
    expect(report.services[0]?.storage[0]).toMatchObject({ seen: "redirect", allowed: false });
    expect(run.code).toBe(3);
  });
});
