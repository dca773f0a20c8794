import { describe, expect, it } from "vitest";
import { decideClientAddress, trustedProxies } from "./client-address";
import { accessPolicy, checkRequest, hostnameOf } from "./request-guard";

const policy = accessPolicy({ publicUrl: new URL("https://comfy.studio.lan"), allowedHostnames: ["render.lan", "*.farm.lan"], trustedProxies: [] });
const request = (headers: Record<string, string>, method = "GET", peerAddress = "192.0.2.1") => ({ method, headers, peerAddress, encrypted: false });

describe("the Host rule", () => {
  it.each([
    ["127.0.0.1:3000", true],
    ["[::1]:3000", true],
    ["192.168.1.20", true],
    ["localhost:3000", true],
    ["LOCALHOST", true],
    ["comfy.studio.lan", true],
    ["render.lan:3000", true],
    ["node7.farm.lan", true],
    ["farm.lan", false],
    ["evil.example", false],
    ["comfy.studio.lan.evil.example", false],
    ["localhost.evil.example", false],
    ["2130706433", false],
    ["evil.example@127.0.0.1", false],
    ["127.0.0.1/evil", false],
  ])("%s allowed: %s", (host, allowed) => {
    expect(checkRequest(request({ host }), policy).ok).toBe(allowed);
  });

  it("reads the host name of a Host header the way a browser wrote it", () => {
    expect(hostnameOf("[::1]:3000")).toBe("::1");
    expect(hostnameOf("Example.com:80")).toBe("example.com");
    expect(hostnameOf("a b")).toBeNull();
  });

  it("refuses a request with no Host", () => {
    expect(checkRequest(request({}), policy)).toMatchObject({ ok: false, status: 400 });
  });
});

describe("the same-origin rule for changes", () => {
  const post = (headers: Record<string, string>) => checkRequest(request({ host: "127.0.0.1:3000", ...headers }, "POST"), policy);

  it("takes the dashboard's own origin, or Sec-Fetch-Site: same-origin", () => {
    expect(post({ origin: "http://127.0.0.1:3000" }).ok).toBe(true);
    expect(post({ "sec-fetch-site": "same-origin" }).ok).toBe(true);
  });

  it("refuses other origins and cross-site fetches whatever else the request carries", () => {
    for (const headers of <Array<Record<string, string>>>[
      { origin: "http://evil.example" },
      { origin: "http://127.0.0.1:3001" },
      { origin: "https://127.0.0.1:3000" },
      { origin: "null" },
      { origin: "not a url" },
      { origin: "http://evil.example", authorization: "Bearer cf_x", "sec-fetch-site": "same-origin" },
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
      { "sec-fetch-site": "none" },
      {},
    ]) {
      expect(post(headers), JSON.stringify(headers)).toMatchObject({ ok: false, status: 403 });
    }
  });

  it("lets a client that sends neither Origin nor Sec-Fetch-Site through only with an API key", () => {
    expect(post({ authorization: "Bearer cf_abc" }).ok).toBe(true);
    expect(post({ authorization: "Basic abc" }).ok).toBe(false);
  });

  it("does not ask reads for an origin", () => {
    expect(checkRequest(request({ host: "127.0.0.1:3000", origin: "http://evil.example" }), policy).ok).toBe(true);
  });
});

describe("the client address", () => {
  const none = trustedProxies([]);
  const proxies = trustedProxies(["10.0.0.0/8", "fd00::1"]);

  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(decideClientAddress("192.0.2.9", "203.0.113.5", none)).toBe("192.0.2.9");
    expect(decideClientAddress("::ffff:192.0.2.9", undefined, none)).toBe("192.0.2.9");
  });

  it("is the last address before the trusted proxies when the peer is one of them", () => {
    expect(decideClientAddress("10.0.0.2", "198.51.100.4", proxies)).toBe("198.51.100.4");
    // A client cannot push its own made-up address in front: the nearest stranger wins.
    expect(decideClientAddress("10.0.0.2", "6.6.6.6, 198.51.100.4, 10.0.0.7", proxies)).toBe("198.51.100.4");
    expect(decideClientAddress("fd00::1", "2001:db8::5", proxies)).toBe("2001:db8::5");
    expect(decideClientAddress("192.0.2.9", "198.51.100.4", proxies)).toBe("192.0.2.9");
  });

  it("makes the web server tell the app the proxy's host and scheme only when it trusts the proxy", () => {
    const trusting = accessPolicy({ publicUrl: undefined, allowedHostnames: ["comfy.lan"], trustedProxies: ["10.0.0.0/8"] });
    const headers = { host: "127.0.0.1:3000", "x-forwarded-host": "comfy.lan", "x-forwarded-proto": "https", "x-forwarded-for": "198.51.100.4" };
    expect(checkRequest(request(headers, "GET", "10.0.0.2"), trusting)).toEqual({
      ok: true,
      host: "comfy.lan",
      protocol: "https",
      clientAddress: "198.51.100.4",
    });
    expect(checkRequest(request(headers, "GET", "192.0.2.1"), trusting)).toEqual({
      ok: true,
      host: "127.0.0.1:3000",
      protocol: "http",
      clientAddress: "192.0.2.1",
    });
  });
});
