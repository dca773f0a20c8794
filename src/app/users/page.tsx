"use client";
// Users (admins): everyone's role, invites with a role, and single sign-on through the studio's identity provider.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterInputs } from "@trpc/server";
import { useState, useSyncExternalStore, type FormEvent } from "react";
import { formatDateTime } from "../../core/format";
import type { OidcSettingsView } from "../../server/auth/oidc-settings";
import type { AppRouter } from "../../server/trpc/root";
import { ROLES, type Role } from "../../core/roles";
import { useCan, useMe } from "../_components/session";
import { Card, ErrorBox, inputClass, PageTitle, primaryButtonClass, secondaryButtonClass, TableHead } from "../_components/ui";
import { useTRPC } from "../trpc";

export default function UsersPage() {
  const canManage = useCan("users.manage");
  const me = useMe();
  if (me.data && !canManage) return <ErrorBox title="Admins only" message="Only an admin manages people and roles." />;
  if (!me.data) return <p className="text-sm text-zinc-500">Loading…</p>;
  return (
    <div className="space-y-6">
      <PageTitle title="Users" />
      <UsersTable myEmail={me.data.email} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Invites />
        <SingleSignOn />
      </div>
    </div>
  );
}

function RoleSelect({ id, value, onChange, disabled, label }: { id: string; value: Role; onChange: (role: Role) => void; disabled?: boolean; label: string }) {
  return (
    <select id={id} aria-label={label} className={inputClass} value={value} disabled={disabled} onChange={(event) => onChange(event.target.value as Role)}>
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {role}
        </option>
      ))}
    </select>
  );
}

function UsersTable({ myEmail }: { myEmail: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const users = useQuery(trpc.users.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
  const setRole = useMutation(trpc.users.setRole.mutationOptions({ onSettled: () => void refresh() }));
  const remove = useMutation(trpc.users.remove.mutationOptions({ onSettled: () => void refresh() }));
  const error = setRole.error ?? remove.error;
  return (
    <Card title="People">
      {error && <ErrorBox title="Not changed" message={error.message} />}
      {users.error && <ErrorBox title="Could not load the users" message={users.error.message} />}
      {users.data && (
        <table className="w-full text-left text-sm">
          <TableHead
            columns={[
              { label: "Email", className: "py-2 pr-3" },
              { label: "Name", className: "py-2 pr-3" },
              { label: "Role", className: "w-36 py-2 pr-3" },
              { label: "Signs in with", className: "py-2 pr-3" },
              { label: "Last sign-in", className: "py-2 pr-3" },
              { label: "API keys", className: "py-2 pr-3" },
              { label: "", className: "py-2" },
            ]}
          />
          <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {users.data.map((user) => (
              <tr key={user.id} data-user={user.email}>
                <td className="py-2 pr-3">{user.email}</td>
                <td className="py-2 pr-3">{user.name}</td>
                <td className="py-2 pr-3">
                  <RoleSelect
                    id={`role-${user.id}`}
                    label={`Role of ${user.email}`}
                    value={user.role}
                    disabled={setRole.isPending}
                    onChange={(role) => setRole.mutate({ userId: user.id, role })}
                  />
                </td>
                <td className="py-2 pr-3 text-xs">{user.signInMethods.join(", ") || "—"}</td>
                <td className="py-2 pr-3 text-xs">{formatDateTime(user.lastSignInAt)}</td>
                <td className="py-2 pr-3 text-xs tabular-nums">{user.apiKeys}</td>
                <td className="py-2 text-right">
                  {user.email !== myEmail && (
                    <button
                      type="button"
                      className={secondaryButtonClass}
                      aria-label={`Remove ${user.email}`}
                      disabled={remove.isPending}
                      onClick={() => window.confirm(`Remove ${user.email}? Their sessions and API keys stop at once.`) && remove.mutate({ userId: user.id })}
                    >
                      Remove
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

function Invites() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invites = useQuery(trpc.users.invites.queryOptions());
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("operator");
  const [link, setLink] = useState<{ email: string; link: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.users.invites.queryKey() });
  const invite = useMutation(
    trpc.users.invite.mutationOptions({
      onSuccess: (created) => {
        setLink({ email, link: created.link });
        setEmail("");
        void refresh();
      },
    }),
  );
  const revoke = useMutation(trpc.users.revokeInvite.mutationOptions({ onSettled: () => void refresh() }));

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setLink(null);
    invite.mutate({ email, role });
  }

  return (
    <Card title="Invite someone">
      <form onSubmit={onSubmit} className="space-y-3">
        <div>
          <label htmlFor="invite-email" className="mb-1 block text-sm font-medium">
            Email
          </label>
          <input id="invite-email" type="email" required className={inputClass} value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div>
          <label htmlFor="invite-role" className="mb-1 block text-sm font-medium">
            Role
          </label>
          <RoleSelect id="invite-role" label="Role" value={role} onChange={setRole} />
          <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
            viewer: reads everything but secrets · operator: also starts, cancels and retries runs · admin: also settings, tokens, users, audit
          </p>
        </div>
        <button type="submit" className={primaryButtonClass} disabled={invite.isPending}>
          Create invite link
        </button>
      </form>
      {invite.error && <ErrorBox title="No invite was made" message={invite.error.message} />}
      {link && (
        <div role="status" className="mt-4 rounded-lg border border-emerald-300 bg-emerald-50 p-3 text-sm dark:border-emerald-900 dark:bg-emerald-950/40">
          <p className="font-medium">Send this link to {link.email} (it works once, for 7 days):</p>
          <code data-invite-link className="mt-1 block font-mono text-xs break-all select-all">
            {link.link}
          </code>
        </div>
      )}
      <h3 className="mt-6 mb-2 text-sm font-medium">Waiting to be used</h3>
      {invites.data?.length === 0 && <p className="text-sm text-zinc-500">No open invites.</p>}
      <ul className="space-y-1 text-sm">
        {invites.data?.map((pending) => (
          <li key={pending.id} className="flex items-center justify-between gap-2">
            <span>
              {pending.email} as {pending.role} <span className="text-xs text-zinc-500">until {formatDateTime(pending.expiresAt)}</span>
            </span>
            <button
              type="button"
              className={secondaryButtonClass}
              aria-label={`Revoke the invite of ${pending.email}`}
              onClick={() => revoke.mutate({ id: pending.id })}
            >
              Revoke
            </button>
          </li>
        ))}
      </ul>
    </Card>
  );
}

type NewUserRole = Role | "none";

/** This page's origin in the browser ("" while rendering on the server). */
const useOrigin = () =>
  useSyncExternalStore(
    () => () => undefined,
    () => window.location.origin,
    () => "",
  );
type OidcPatch = inferRouterInputs<AppRouter>["users"]["updateSignInSettings"];

function SingleSignOn() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const view = useQuery(trpc.users.signInSettings.queryOptions());
  const save = useMutation(
    trpc.users.updateSignInSettings.mutationOptions({ onSuccess: (data) => queryClient.setQueryData(trpc.users.signInSettings.queryKey(), data) }),
  );
  if (view.error) return <ErrorBox title="Could not load the sign-in settings" message={view.error.message} />;
  if (!view.data) return <Card title="Single sign-on">Loading…</Card>;
  return (
    <SingleSignOnForm
      view={view.data}
      saving={save.isPending}
      error={save.error?.message ?? null}
      saved={save.isSuccess}
      onSave={(patch) => save.mutate(patch)}
    />
  );
}

function SingleSignOnForm({
  view,
  saving,
  error,
  saved,
  onSave,
}: {
  view: OidcSettingsView;
  saving: boolean;
  error: string | null;
  saved: boolean;
  onSave: (patch: OidcPatch) => void;
}) {
  const [issuer, setIssuer] = useState(view.settings?.issuer ?? "");
  const [clientId, setClientId] = useState(view.settings?.clientId ?? "");
  const [clientSecret, setClientSecret] = useState("");
  const [name, setName] = useState(view.settings?.name ?? "the studio's sign-in");
  const [newUserRole, setNewUserRole] = useState<NewUserRole>(view.settings?.newUserRole ?? "viewer");
  const callbackUrl = useOrigin() + view.callbackPath;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    onSave({ enabled: true, issuer, clientId, name, newUserRole, ...(clientSecret ? { clientSecret } : {}) });
    setClientSecret("");
  }

  return (
    <Card title="Single sign-on (OpenID Connect)">
      <p className="mb-3 text-sm text-zinc-500 dark:text-zinc-400">
        {view.enabled ? `On${view.source === "environment" ? ", from COMFYFIXER_OIDC_* (saving here takes its place)" : ""}.` : "Off."} Register{" "}
        <code className="font-mono text-xs break-all">{callbackUrl}</code> as the redirect URI at your identity provider.
      </p>
      <form onSubmit={onSubmit} className="space-y-3">
        <div>
          <label htmlFor="oidc-issuer" className="mb-1 block text-sm font-medium">
            Issuer URL
          </label>
          <input id="oidc-issuer" type="url" required className={inputClass} value={issuer} onChange={(e) => setIssuer(e.target.value)} />
        </div>
        <div>
          <label htmlFor="oidc-client-id" className="mb-1 block text-sm font-medium">
            Client ID
          </label>
          <input id="oidc-client-id" required className={inputClass} value={clientId} onChange={(e) => setClientId(e.target.value)} />
        </div>
        <div>
          <label htmlFor="oidc-client-secret" className="mb-1 block text-sm font-medium">
            Client secret
          </label>
          <input
            id="oidc-client-secret"
            type="password"
            autoComplete="off"
            className={inputClass}
            placeholder={view.clientSecretSet ? "Saved (leave empty to keep it)" : "Not set"}
            value={clientSecret}
            onChange={(e) => setClientSecret(e.target.value)}
          />
        </div>
        <div>
          <label htmlFor="oidc-name" className="mb-1 block text-sm font-medium">
            Button label: “Sign in with …”
          </label>
          <input id="oidc-name" required className={inputClass} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div>
          <label htmlFor="oidc-role" className="mb-1 block text-sm font-medium">
            Role for people who sign in this way for the first time
          </label>
          <select id="oidc-role" className={inputClass} value={newUserRole} onChange={(e) => setNewUserRole(e.target.value as NewUserRole)}>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
            <option value="none">none: only people who already have an account</option>
          </select>
        </div>
        <div className="flex gap-2">
          <button type="submit" className={primaryButtonClass} disabled={saving}>
            Save single sign-on
          </button>
          {view.enabled && view.source === "settings" && (
            <button type="button" className={secondaryButtonClass} disabled={saving} onClick={() => onSave({ enabled: false })}>
              Turn off
            </button>
          )}
        </div>
        {saved && !error && (
          <p role="status" className="text-sm text-emerald-600 dark:text-emerald-400">
            Saved. The sign-in page offers it now.
          </p>
        )}
        {error && <ErrorBox title="Not saved" message={error} />}
      </form>
    </Card>
  );
}
