// A real OpenID Provider on 127.0.0.1 for the single sign-on tests: the npm `oidc-provider` package (the certified
// implementation by panva), with its built-in login and consent pages. Its login accepts any password: the account
// is whatever `login` the form sends. (oidc-provider 9 prints a notice that it wants Node 22; it runs on Node 20.)
import { createServer, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export type IdpUser = { sub: string; email: string; name: string; emailVerified?: boolean };
export type TestIdentityProvider = { issuer: string; clientId: string; clientSecret: string; close(): Promise<void> };

export async function startIdentityProvider(options: { redirectUris: string[]; users: IdpUser[]; port?: number }): Promise<TestIdentityProvider> {
  // Listen first, so the issuer carries the real port; the provider is attached afterwards.
  let listener: RequestListener = (_request, response) => response.writeHead(503).end();
  const server = createServer((request, response) => listener(request, response));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = "comfyfixer-test";
  const clientSecret = "idp-client-secret-for-tests-0123456789";
  const users = new Map(options.users.map((user) => [user.sub, user]));
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    async findAccount(_context, sub) {
      const user = users.get(sub);
      if (!user) return undefined;
      return { accountId: sub, claims: async () => ({ sub, email: user.email, email_verified: user.emailVerified ?? true, name: user.name }) };
    },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    scopes: ["openid", "email", "profile"],
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ["identity-provider-test-cookie-key"] },
  });
  listener = provider.callback();
  return {
    issuer,
    clientId,
    clientSecret,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Cookies per origin, as a browser keeps them (name=value only; enough for these flows). */
export class CookieJar {
  private readonly cookies = new Map<string, Map<string, string>>();
  take(origin: string, setCookies: string[]): void {
    const jar = this.cookies.get(origin) ?? new Map<string, string>();
    for (const line of setCookies) {
      const [pair] = line.split(";");
      const [name, ...value] = pair!.split("=");
      jar.set(name!.trim(), value.join("="));
    }
    this.cookies.set(origin, jar);
  }
  header(origin: string): string {
    return [...(this.cookies.get(origin) ?? new Map()).entries()].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

/**
 * Walks the provider's login and consent pages as a person would, from the authorization URL until the provider
 * sends the browser back to `returnTo`; returns that URL (the app's callback with code and state).
 */
export async function signInAtProvider(authorizationUrl: string, login: string, returnTo: string, jar = new CookieJar()): Promise<string> {
  let url = authorizationUrl;
  for (let hop = 0; hop < 20; hop++) {
    const origin = new URL(url).origin;
    const response = await fetch(url, { redirect: "manual", headers: { cookie: jar.header(origin) } });
    jar.take(origin, response.headers.getSetCookie());
    if (response.status >= 300 && response.status < 400) {
      await response.arrayBuffer();
      url = new URL(response.headers.get("location")!, url).href;
      if (url.startsWith(returnTo)) return url;
      continue;
    }
    const page = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(page)?.[1];
    if (response.status !== 200 || !action || !prompt) throw new Error(`the provider answered ${response.status} at ${url}: ${page.slice(0, 300)}`);
    const form = new URLSearchParams({ prompt, ...(prompt === "login" ? { login, password: "any" } : {}) });
    const posted = await fetch(new URL(action, url), {
      method: "POST",
      redirect: "manual",
      body: form,
      headers: { cookie: jar.header(origin), "content-type": "application/x-www-form-urlencoded" },
    });
    jar.take(origin, posted.headers.getSetCookie());
    await posted.arrayBuffer();
    url = new URL(posted.headers.get("location")!, url).href;
  }
  throw new Error("the provider redirected more than 20 times");
}
