"use client";
// The form behind a set-up or invite link: the link's token makes one account (with the link's role) and signs it in.
import { useSearchParams } from "next/navigation";
import { Suspense, useEffect, useState, type FormEvent } from "react";
import { authRequest, loadPage } from "../auth-client";
import { Card, ErrorBox, inputClass, PageTitle, primaryButtonClass } from "./ui";

type InviteDetails = { kind: "setup" | "invite"; email: string | null; role: string };

export function AcceptInvite({ title }: { title: string }) {
  return (
    <Suspense>
      <AcceptInviteForm title={title} />
    </Suspense>
  );
}

function AcceptInviteForm({ title }: { title: string }) {
  const token = useSearchParams().get("token") ?? "";
  const [details, setDetails] = useState<InviteDetails | null>(null);
  const [linkError, setLinkError] = useState<string | null>(token ? null : "This link has no token. Copy the whole link you were given.");
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [minLength, setMinLength] = useState(10);

  useEffect(() => {
    if (!token) return;
    void authRequest<InviteDetails>("/invite/details", { query: { token } }).then((result) =>
      result.data ? setDetails(result.data) : setLinkError(result.error.message),
    );
    void authRequest<{ minPasswordLength: number }>("/options").then((result) => result.data && setMinLength(result.data.minPasswordLength));
  }, [token]);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (password !== confirm) return setError("The two passwords differ.");
    if (password.length < minLength) return setError(`The password needs at least ${minLength} characters.`);
    setBusy(true);
    setError(null);
    const result = await authRequest("/invite/accept", { body: { token, name, password, ...(details?.kind === "setup" ? { email } : {}) } });
    setBusy(false);
    if (result.error) return setError(result.error.message);
    loadPage("/");
  }

  return (
    <div className="mx-auto max-w-md pt-6">
      <PageTitle title={title} />
      {linkError && <ErrorBox title="This link does not work" message={linkError} />}
      {details && (
        <Card>
          <p className="mb-4 text-sm">
            {details.kind === "setup" ? (
              <>
                No account exists yet. Create the first <strong>admin</strong>: it can invite everyone else.
              </>
            ) : (
              <>
                You are invited as <strong>{details.role}</strong> with the address <strong>{details.email}</strong>.
              </>
            )}
          </p>
          <form onSubmit={onSubmit} className="space-y-4">
            {details.kind === "setup" && (
              <div>
                <label htmlFor="email" className="mb-1 block text-sm font-medium">
                  Email
                </label>
                <input
                  id="email"
                  type="email"
                  autoComplete="username"
                  required
                  className={inputClass}
                  value={email}
                  onChange={(e) => setEmail(e.target.value)}
                />
              </div>
            )}
            <div>
              <label htmlFor="name" className="mb-1 block text-sm font-medium">
                Name
              </label>
              <input id="name" autoComplete="name" className={inputClass} value={name} onChange={(e) => setName(e.target.value)} />
            </div>
            <div>
              <label htmlFor="password" className="mb-1 block text-sm font-medium">
                Password
              </label>
              <input
                id="password"
                type="password"
                autoComplete="new-password"
                required
                minLength={minLength}
                aria-describedby="password-help"
                className={inputClass}
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
              <p id="password-help" className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
                At least {minLength} characters.
              </p>
            </div>
            <div>
              <label htmlFor="confirm" className="mb-1 block text-sm font-medium">
                Password again
              </label>
              <input
                id="confirm"
                type="password"
                autoComplete="new-password"
                required
                className={inputClass}
                value={confirm}
                onChange={(e) => setConfirm(e.target.value)}
              />
            </div>
            <button type="submit" className={`${primaryButtonClass} w-full justify-center`} disabled={busy}>
              {busy ? "Creating the account…" : details.kind === "setup" ? "Create the admin account" : "Create my account"}
            </button>
          </form>
        </Card>
      )}
      {error && (
        <div className="mt-4">
          <ErrorBox title="No account was created" message={error} />
        </div>
      )}
    </div>
  );
}
