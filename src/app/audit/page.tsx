"use client";
// Audit (admins): who did what, when and from where — sign-ins, people and roles, API keys, settings and run actions.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useDeferredValue, useState } from "react";
import { formatDateTime } from "../../core/format";
import { useCan, useMe } from "../_components/session";
import { EmptyState, ErrorBox, inputClass, PageTitle, Pagination, TableHead } from "../_components/ui";
import { useTRPC } from "../trpc";

const PAGE_SIZE = 50;
const FAMILIES = ["auth", "account", "user", "invite", "api_key", "settings", "tokens", "sign_in_settings", "run"];

/** "2026-12-01" from a date input, as the start (or end) of that day. */
const dayBound = (value: string, end: boolean) => (value ? new Date(`${value}T${end ? "23:59:59.999" : "00:00:00"}`) : undefined);

function Details({ details }: { details: Record<string, unknown> }) {
  const entries = Object.entries(details);
  if (entries.length === 0) return null;
  return (
    <span className="font-mono text-xs break-all text-zinc-600 dark:text-zinc-400">
      {entries.map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`).join(" · ")}
    </span>
  );
}

export default function AuditPage() {
  const trpc = useTRPC();
  const me = useMe();
  const canRead = useCan("audit.read");
  const [action, setAction] = useState("");
  const [actor, setActor] = useState("");
  const [since, setSince] = useState("");
  const [until, setUntil] = useState("");
  const [page, setPage] = useState(1);
  const deferredActor = useDeferredValue(actor.trim());
  const entries = useQuery({
    ...trpc.audit.list.queryOptions({
      action: action || undefined,
      actor: deferredActor || undefined,
      since: dayBound(since, false),
      until: dayBound(until, true),
      page,
      pageSize: PAGE_SIZE,
    }),
    enabled: canRead,
    placeholderData: keepPreviousData,
  });
  if (me.data && !canRead) return <ErrorBox title="Admins only" message="Only an admin reads the audit log." />;
  const actions = entries.data?.actions ?? [];
  const filter = (set: (value: string) => void) => (value: string) => {
    set(value);
    setPage(1);
  };

  return (
    <>
      <PageTitle title="Audit log" />
      <div className="mb-4 flex flex-wrap items-end gap-4">
        <div className="w-56">
          <label htmlFor="audit-action" className="mb-1 block text-sm font-medium">
            Action
          </label>
          <select id="audit-action" className={inputClass} value={action} onChange={(e) => filter(setAction)(e.target.value)}>
            <option value="">All</option>
            {FAMILIES.map((family) => (
              <optgroup key={family} label={family}>
                <option value={family}>every {family}.*</option>
                {actions
                  .filter((name) => name.startsWith(`${family}.`))
                  .map((name) => (
                    <option key={name} value={name}>
                      {name}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="w-64">
          <label htmlFor="audit-actor" className="mb-1 block text-sm font-medium">
            Who (email)
          </label>
          <input id="audit-actor" type="search" className={inputClass} value={actor} onChange={(e) => filter(setActor)(e.target.value)} />
        </div>
        <div>
          <label htmlFor="audit-since" className="mb-1 block text-sm font-medium">
            From
          </label>
          <input id="audit-since" type="date" className={inputClass} value={since} onChange={(e) => filter(setSince)(e.target.value)} />
        </div>
        <div>
          <label htmlFor="audit-until" className="mb-1 block text-sm font-medium">
            To
          </label>
          <input id="audit-until" type="date" className={inputClass} value={until} onChange={(e) => filter(setUntil)(e.target.value)} />
        </div>
      </div>
      {entries.error && <ErrorBox title="Could not load the audit log" message={entries.error.message} />}
      {entries.data && entries.data.items.length === 0 && <EmptyState title="Nothing matches">Widen the filters to see more.</EmptyState>}
      {entries.data && entries.data.items.length > 0 && (
        <div className="overflow-x-auto rounded-xl border border-zinc-200 dark:border-zinc-800">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Audit entries, newest first</caption>
            <TableHead
              className="bg-zinc-50 text-xs uppercase tracking-wide text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400"
              columns={[
                { label: "When", className: "px-3 py-2" },
                { label: "Who", className: "px-3 py-2" },
                { label: "From", className: "px-3 py-2" },
                { label: "Action", className: "px-3 py-2" },
                { label: "On", className: "px-3 py-2" },
                { label: "Details", className: "px-3 py-2" },
              ]}
            />
            <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {entries.data.items.map((entry) => (
                <tr key={entry.id} data-audit-action={entry.action} data-audit-actor={entry.actorEmail ?? ""}>
                  <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(entry.at)}</td>
                  <td className="px-3 py-2">
                    {entry.actorEmail ?? <span className="text-zinc-500">{entry.via === "system" ? "the server" : "—"}</span>}
                    {entry.via !== "session" && <span className="ml-1 text-xs text-zinc-500">({entry.via})</span>}
                  </td>
                  <td className="px-3 py-2 font-mono text-xs">{entry.address ?? "—"}</td>
                  <td className="px-3 py-2 font-mono text-xs">{entry.action}</td>
                  <td className="px-3 py-2 text-xs break-all">{entry.target ?? "—"}</td>
                  <td className="px-3 py-2">
                    <Details details={entry.details} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {entries.data && <Pagination page={page} total={entries.data.total} pageSize={PAGE_SIZE} onPage={setPage} />}
    </>
  );
}
