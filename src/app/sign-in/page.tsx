"use client";
// Sign in: email and password, or the studio's identity provider when an admin set one up. The demo signs in by itself.
import { useSearchParams } from "next/navigation";
import { Suspense, useEffect, useState, type FormEvent } from "react";
import { Card, ErrorBox, inputClass, primaryButtonClass, secondaryButtonClass } from "../_components/ui";
import { authRequest, loadPage, localPath, signInErrorMessage, ssoErrorMessage } from "../auth-client";

type SignInOptions = { oidc: { name: string } | null; demo: boolean };

export default function SignInPage() {
  return (
    <Suspense>
      <SignIn />
    </Suspense>
  );
}

function SignIn() {
  const params = useSearchParams();
  const next = localPath(params.get("next"));
  const [options, setOptions] = useState<SignInOptions | null>(null);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(params.get("error") ? ssoErrorMessage(params.get("error")!) : null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void authRequest<SignInOptions>("/options").then(async (result) => {
      if (!result.data) return setError(result.error.message);
      setOptions(result.data);
      if (result.data.demo) {
        const demo = await authRequest("/demo/sign-in", { method: "POST" });
        if (demo.error) setError(demo.error.message);
        else loadPage(next);
      }
    });
  }, [next]);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await authRequest("/sign-in/email", { body: { email, password } });
    setBusy(false);
    if (result.error) return setError(signInErrorMessage(result.error));
    loadPage(next);
  }

  async function onSso() {
    setBusy(true);
    setError(null);
    const result = await authRequest<{ url: string }>("/sign-in/social", { body: { provider: "oidc", callbackURL: next, errorCallbackURL: "/sign-in" } });
    if (result.error) {
      setBusy(false);
      return setError(signInErrorMessage(result.error));
    }
    window.location.assign(result.data.url);
  }

  return (
    <div className="mx-auto max-w-sm pt-10">
      <h1 className="mb-6 text-2xl font-semibold tracking-tight">Sign in</h1>
      {options?.demo ? (
        <p role="status" className="text-sm">
          Signing you in as the demo admin…
        </p>
      ) : (
        <Card>
          <form onSubmit={onSubmit} className="space-y-4">
            <div>
              <label htmlFor="email" className="mb-1 block text-sm font-medium">
                Email
              </label>
              <input id="email" type="email" autoComplete="username" required className={inputClass} value={email} onChange={(e) => setEmail(e.target.value)} />
            </div>
            <div>
              <label htmlFor="password" className="mb-1 block text-sm font-medium">
                Password
              </label>
              <input
                id="password"
                type="password"
                autoComplete="current-password"
                required
                className={inputClass}
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </div>
            <button type="submit" className={`${primaryButtonClass} w-full justify-center`} disabled={busy}>
              {busy ? "Signing in…" : "Sign in"}
            </button>
          </form>
          {options?.oidc && (
            <div className="mt-4 border-t border-zinc-200 pt-4 dark:border-zinc-800">
              <button type="button" className={`${secondaryButtonClass} w-full justify-center`} disabled={busy} onClick={() => void onSso()}>
                Sign in with {options.oidc.name}
              </button>
            </div>
          )}
        </Card>
      )}
      {error && (
        <div className="mt-4">
          <ErrorBox title="Not signed in" message={error} />
        </div>
      )}
      <p className="mt-6 text-xs text-zinc-500 dark:text-zinc-400">No account? Ask an admin of this ComfyFixer for an invite link.</p>
    </div>
  );
}
