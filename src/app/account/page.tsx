"use client";
// Account: who you are, your password, and your API keys (for `comfyfixer run --server`).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { formatDateTime } from "../../core/format";
import { useMe } from "../_components/session";
import { Card, EmptyState, ErrorBox, inputClass, PageTitle, primaryButtonClass, secondaryButtonClass, TableHead } from "../_components/ui";
import { authRequest } from "../auth-client";
import { useTRPC } from "../trpc";

export default function AccountPage() {
  const me = useMe();
  if (me.error) return <ErrorBox title="Could not load your account" message={me.error.message} />;
  if (!me.data) return <p className="text-sm text-zinc-500">Loading your account…</p>;
  return (
    <div className="space-y-6">
      <PageTitle title="Account" />
      <Card title="You">
        <dl className="grid grid-cols-[8rem_1fr] gap-y-1 text-sm">
          <dt className="text-zinc-500">Email</dt>
          <dd>{me.data.email}</dd>
          <dt className="text-zinc-500">Name</dt>
          <dd>{me.data.name}</dd>
          <dt className="text-zinc-500">Role</dt>
          <dd>{me.data.role}</dd>
        </dl>
      </Card>
      <div className="grid gap-6 lg:grid-cols-2">
        {me.data.hasPassword ? <ChangePassword /> : <Card title="Password">You sign in through single sign-on; your password lives there.</Card>}
        <ApiKeys />
      </div>
    </div>
  );
}

function ChangePassword() {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [confirm, setConfirm] = useState("");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (next !== confirm) return setMessage({ ok: false, text: "The two new passwords differ." });
    const result = await authRequest("/change-password", { body: { currentPassword: current, newPassword: next, revokeOtherSessions: true } });
    if (result.error) {
      return setMessage({
        ok: false,
        text: result.error.status === 400 && result.error.code === "INVALID_PASSWORD" ? "The current password is wrong." : result.error.message,
      });
    }
    setCurrent("");
    setNext("");
    setConfirm("");
    setMessage({ ok: true, text: "Password changed. Your other sessions were signed out." });
  }

  const field = (id: string, label: string, value: string, set: (value: string) => void, autoComplete: string) => (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      <input id={id} type="password" autoComplete={autoComplete} required className={inputClass} value={value} onChange={(e) => set(e.target.value)} />
    </div>
  );
  return (
    <Card title="Password">
      <form onSubmit={onSubmit} className="space-y-4">
        {field("current-password", "Current password", current, setCurrent, "current-password")}
        {field("new-password", "New password", next, setNext, "new-password")}
        {field("confirm-password", "New password again", confirm, setConfirm, "new-password")}
        <button type="submit" className={primaryButtonClass}>
          Change password
        </button>
        {message &&
          (message.ok ? (
            <p role="status" className="text-sm text-emerald-600 dark:text-emerald-400">
              {message.text}
            </p>
          ) : (
            <ErrorBox title="Password not changed" message={message.text} />
          ))}
      </form>
    </Card>
  );
}

function ApiKeys() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.account.apiKeys.queryOptions());
  const [name, setName] = useState("");
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.account.apiKeys.queryKey() });
  const create = useMutation(
    trpc.account.createApiKey.mutationOptions({
      onSuccess: (key) => {
        setCreated(key);
        setName("");
        void refresh();
      },
    }),
  );
  const revoke = useMutation(trpc.account.revokeApiKey.mutationOptions({ onSuccess: () => void refresh() }));

  return (
    <Card title="API keys">
      <p className="mb-4 text-sm text-zinc-500 dark:text-zinc-400">
        A key lets <code className="font-mono">comfyfixer run --server URL</code> act as you, with your role. Set it as{" "}
        <code className="font-mono">COMFYFIXER_API_KEY</code>.
      </p>
      <form
        className="mb-4 flex items-end gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          setCreated(null);
          create.mutate({ name });
        }}
      >
        <div className="flex-1">
          <label htmlFor="key-name" className="mb-1 block text-sm font-medium">
            New key for
          </label>
          <input id="key-name" className={inputClass} placeholder="e.g. render-box-2" value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <button type="submit" className={primaryButtonClass} disabled={create.isPending}>
          Create key
        </button>
      </form>
      {create.error && <ErrorBox title="No key was created" message={create.error.message} />}
      {created && (
        <div role="status" className="mb-4 rounded-lg border border-emerald-300 bg-emerald-50 p-3 text-sm dark:border-emerald-900 dark:bg-emerald-950/40">
          <p className="font-medium">Key “{created.name}” — copy it now, it is not shown again:</p>
          <code data-api-key className="mt-1 block font-mono text-xs break-all select-all">
            {created.key}
          </code>
        </div>
      )}
      {keys.data && keys.data.length === 0 && <EmptyState title="No API keys yet" />}
      {keys.data && keys.data.length > 0 && (
        <table className="w-full text-left text-sm">
          <TableHead
            columns={[
              { label: "Name", className: "py-1 pr-2" },
              { label: "Starts with", className: "py-1 pr-2" },
              { label: "Created", className: "py-1 pr-2" },
              { label: "Last used", className: "py-1 pr-2" },
              { label: "", className: "py-1" },
            ]}
          />
          <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {keys.data.map((key) => (
              <tr key={key.id} data-api-key-row={key.name ?? ""}>
                <td className="py-1 pr-2">{key.name}</td>
                <td className="py-1 pr-2 font-mono text-xs">{key.start}…</td>
                <td className="py-1 pr-2 text-xs">{formatDateTime(key.createdAt)}</td>
                <td className="py-1 pr-2 text-xs">{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : "never"}</td>
                <td className="py-1 text-right">
                  {key.revoked ? (
                    <span className="text-xs text-zinc-500">revoked</span>
                  ) : (
                    <button
                      type="button"
                      className={secondaryButtonClass}
                      disabled={revoke.isPending}
                      aria-label={`Revoke ${key.name}`}
                      onClick={() => revoke.mutate({ id: key.id })}
                    >
                      Revoke
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
