import { describe, expect, it } from "vitest";
import { parseEngineEnv } from "../config/env";
import { assertUrlAllowed, BlockedUrlError, hostPolicy, hostPolicyFor, isHostAllowed, isPrivateAddress } from "./host-policy";

const endpoints = parseEngineEnv({}).endpoints;
const policy = (allowPrivateNetworks = false) => hostPolicy({ allowedHosts: ["civitai.com", "*.hf.co", "mirror.local:8080"], allowPrivateNetworks, endpoints });

describe("isHostAllowed", () => {
  it.each([
    ["https://civitai.com/api/download/models/1", true],
    ["https://cdn-lfs.hf.co/x", true],
    ["https://hf.co/x", false],
    ["https://evilhf.co/x", false],
    ["https://civitai.com.evil.net/x", false],
    ["https://huggingface.co/x", true],
    ["http://mirror.local:8080/x", true],
    ["http://mirror.local:9090/x", false],
  ])("%s → %s", (url, allowed) => {
    expect(isHostAllowed(new URL(url), policy())).toBe(allowed);
  });
});

describe("isPrivateAddress", () => {
  it.each([
    ["127.0.0.1", true],
    ["10.1.2.3", true],
    ["172.16.0.1", true],
    ["172.32.0.1", false],
    ["192.168.1.1", true],
    ["169.254.169.254", true],
    ["100.64.0.1", true],
    ["0.0.0.0", true],
    ["8.8.8.8", false],
    ["::1", true],
    ["[::1]", true],
    ["fd00::1", true],
    ["fe80::1", true],
    ["::ffff:127.0.0.1", true],
    // The same addresses as URL parsers and resolvers also write them: WHATWG URL turns [::ffff:127.0.0.1] into
    // [::ffff:7f00:1]; ::127.0.0.1 (IPv4-compatible) and 64:ff9b::/96 (NAT64, RFC 6052) carry an IPv4 address too.
    ["[::ffff:7f00:1]", true],
    ["::ffff:a9fe:a9fe", true],
    ["0:0:0:0:0:ffff:c0a8:0101", true],
    ["::7f00:1", true],
    ["64:ff9b::a00:1", true],
    ["::ffff:8.8.8.8", false],
    ["64:ff9b::808:808", false],
    ["0:0:0:0:0:0:0:1", true],
    ["::", true],
    ["fc00::1", true],
    ["febf::1", true],
    ["fec0::1", true],
    ["fe80::1%eth0", true],
    ["2606:4700::1111", false],
    ["2001:db8::ffff:7f00:1", false],
  ])("%s → %s", (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });
});

describe("assertUrlAllowed", () => {
  it("refuses other protocols and hosts off the list", async () => {
    await expect(assertUrlAllowed(new URL("file:///etc/passwd"), policy())).rejects.toThrow(BlockedUrlError);
    await expect(assertUrlAllowed(new URL("https://example.com/x"), policy())).rejects.toThrow(/not in the allowed hosts/);
  });

  it("refuses an allowed name that resolves to a private address, after DNS", async () => {
    const local = hostPolicy({ allowedHosts: ["localhost"], allowPrivateNetworks: false, endpoints });
    await expect(assertUrlAllowed(new URL("http://localhost:1/x"), local)).rejects.toThrow(/private or loopback/);
  });

  it("lets private addresses through when the setting or COMFYFIXER_ALLOW_PRIVATE_NETWORKS=1 says so", async () => {
    const viaEnv = hostPolicyFor({ allowed_hosts: ["localhost"], allow_private_networks: false }, parseEngineEnv({ COMFYFIXER_ALLOW_PRIVATE_NETWORKS: "1" }));
    await expect(assertUrlAllowed(new URL("http://localhost:1/x"), viaEnv)).resolves.toBeUndefined();
    const viaSetting = hostPolicy({ allowedHosts: ["localhost"], allowPrivateNetworks: true, endpoints });
    await expect(assertUrlAllowed(new URL("http://localhost:1/x"), viaSetting)).resolves.toBeUndefined();
  });

  it("adds COMFYFIXER_ALLOWED_HOSTS to the settings' hosts", () => {
    const merged = hostPolicyFor(
      { allowed_hosts: ["civitai.com"], allow_private_networks: false },
      parseEngineEnv({ COMFYFIXER_ALLOWED_HOSTS: "mirror.local" }),
    );
    expect(isHostAllowed(new URL("https://mirror.local/x"), merged)).toBe(true);
    expect(isHostAllowed(new URL("https://civitai.com/x"), merged)).toBe(true);
  });

  it("trusts the operator's configured endpoints even on loopback", async () => {
    const local = parseEngineEnv({ HF_ENDPOINT: "http://127.0.0.1:9999" }).endpoints;
    const trusting = hostPolicy({ allowedHosts: [], allowPrivateNetworks: false, endpoints: local });
    await expect(assertUrlAllowed(new URL("http://127.0.0.1:9999/org/repo/resolve/main/x"), trusting)).resolves.toBeUndefined();
    await expect(assertUrlAllowed(new URL("http://127.0.0.1:9998/x"), trusting)).rejects.toThrow(BlockedUrlError);
  });
});

describe("review finding 5: storage below a mirror's domain", () => {
  it("allows cas-bridge.xethub.hf-mirror.com when HF_ENDPOINT is https://hf-mirror.com (padeoe/hf-mirror-site#51), and only then", () => {
    const mirror = hostPolicyFor({ allowed_hosts: ["*.hf.co"], allow_private_networks: false }, parseEngineEnv({ HF_ENDPOINT: "https://hf-mirror.com" }));
    expect(isHostAllowed(new URL("https://cas-bridge.xethub.hf-mirror.com/xet-bridge-us/x"), mirror)).toBe(true);
    expect(isHostAllowed(new URL("https://hf-mirror.com.evil.net/x"), mirror)).toBe(false);
    const real = hostPolicyFor({ allowed_hosts: ["*.hf.co"], allow_private_networks: false }, parseEngineEnv({}));
    expect(isHostAllowed(new URL("https://cas-bridge.xethub.hf-mirror.com/x"), real)).toBe(false);
  });

  it("adds no pattern for an endpoint on an address (the simulator, a LAN mirror)", () => {
    const local = hostPolicy({ allowedHosts: [], allowPrivateNetworks: false, endpoints: parseEngineEnv({ HF_ENDPOINT: "http://127.0.0.1:9999" }).endpoints });
    expect(local.allowedHosts.some((pattern) => pattern.includes("127.0.0.1"))).toBe(false);
  });
});
