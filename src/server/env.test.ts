import { describe, expect, it } from "vitest";
import { parseAccessEnv, parseServerEnv } from "./env";

describe("the access variables", () => {
  it("read host names, proxies, the key, the first admin and OpenID Connect", () => {
    const env = parseAccessEnv({
      COMFYFIXER_PUBLIC_URL: "https://comfy.studio.lan",
      COMFYFIXER_ALLOWED_HOSTNAMES: "Render.lan, *.farm.lan",
      COMFYFIXER_TRUSTED_PROXIES: "10.0.0.0/8,127.0.0.1",
      COMFYFIXER_SECRET_KEY: "x".repeat(40),
      COMFYFIXER_ADMIN_EMAIL: "Boss@Studio.test",
      COMFYFIXER_ADMIN_PASSWORD: "long-enough-pw",
      COMFYFIXER_OIDC_ISSUER: "https://id.studio.lan",
      COMFYFIXER_OIDC_CLIENT_ID: "comfyfixer",
      COMFYFIXER_OIDC_CLIENT_SECRET: "s3cret",
      COMFYFIXER_OIDC_NEW_USER_ROLE: "operator",
    });
    expect(env.publicUrl?.hostname).toBe("comfy.studio.lan");
    expect(env.allowedHostnames).toEqual(["render.lan", "*.farm.lan"]);
    expect(env.trustedProxies).toEqual(["10.0.0.0/8", "127.0.0.1"]);
    expect(env.secretKey).toEqual({ kind: "env", value: "x".repeat(40) });
    expect(env.firstAdmin).toEqual({ email: "boss@studio.test", password: "long-enough-pw" });
    expect(env.oidc).toMatchObject({ issuer: "https://id.studio.lan", clientId: "comfyfixer", newUserRole: "operator" });
  });

  it("keep the key in a file under .data when COMFYFIXER_SECRET_KEY is unset", () => {
    const env = parseAccessEnv({});
    expect(env.secretKey.kind).toBe("file");
    expect(env.secretKey.kind === "file" && env.secretKey.path.endsWith(".data/secret.key")).toBe(true);
    expect(env.firstAdmin).toBeUndefined();
    expect(env.oidc).toBeUndefined();
  });

  it.each([
    [{ COMFYFIXER_PUBLIC_URL: "comfy.lan" }, /COMFYFIXER_PUBLIC_URL/],
    [{ COMFYFIXER_PUBLIC_URL: "https://comfy.lan/app" }, /no path/],
    [{ COMFYFIXER_ALLOWED_HOSTNAMES: "comfy.lan:3000" }, /no ports/],
    [{ COMFYFIXER_TRUSTED_PROXIES: "10.0.0.0/33" }, /IP addresses or ranges/],
    [{ COMFYFIXER_SECRET_KEY: "short" }, /at least 32 characters/],
    [{ COMFYFIXER_ADMIN_EMAIL: "a@b.test" }, /set together/],
    [{ COMFYFIXER_ADMIN_EMAIL: "a@b.test", COMFYFIXER_ADMIN_PASSWORD: "short" }, /at least 10/],
    [{ COMFYFIXER_OIDC_ISSUER: "https://id.lan" }, /set together/],
    [{ COMFYFIXER_OIDC_NEW_USER_ROLE: "root" }, /admin, operator, viewer/],
  ])("refuse %o, naming the variable", (variables, message) => {
    expect(() => parseServerEnv({ DATABASE_URL: "postgresql://x/y", ...variables })).toThrow(message);
  });
});
