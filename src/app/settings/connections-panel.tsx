"use client";
// Settings: "Check connections" — the same check as `comfyfixer doctor`, with the saved tokens (never shown).
import { useMutation } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "../../server/trpc/root";
import { Card, ErrorBox, secondaryButtonClass } from "../_components/ui";
import { useTRPC } from "../trpc";

type DoctorReport = inferRouterOutputs<AppRouter>["settings"]["checkConnections"];
type ServiceCheck = DoctorReport["services"][number];

const NAMES: Record<ServiceCheck["service"], string> = { huggingface: "Hugging Face", civitai: "Civitai" };

function Mark({ ok }: { ok: boolean | null }) {
  if (ok === null) return <span className="text-zinc-400">·</span>;
  return ok ? <span className="text-emerald-600 dark:text-emerald-400">✓</span> : <span className="text-red-600 dark:text-red-400">✗</span>;
}

function ServiceResult({ service }: { service: ServiceCheck }) {
  const redirected = service.storage.filter((host) => host.seen === "redirect");
  const refused = service.storage.filter((host) => !host.allowed);
  return (
    <li className="space-y-1" data-service={service.service}>
      <p className="font-medium">
        <Mark ok={service.reachable} /> {NAMES[service.service]} <span className="font-mono text-xs text-zinc-500">{service.endpoint}</span>
        {service.reachable && (
          <span className="ml-2 text-xs text-zinc-500">
            answered {service.status} in {service.roundTripMs} ms
          </span>
        )}
      </p>
      {service.problem && <p className="text-xs text-red-600 dark:text-red-400">{service.problem}</p>}
      <p className="text-xs">
        <Mark ok={service.token.accepted} /> Token: {service.token.detail}
      </p>
      {service.rateLimit && <p className="text-xs text-zinc-500">Rate limit: {service.rateLimit}</p>}
      <p className="text-xs">
        <Mark ok={refused.length === 0} /> Storage:{" "}
        {refused.length === 0
          ? `downloads may follow its storage redirects${redirected.length ? ` (seen: ${redirected.map((host) => host.host).join(", ")})` : ""}`
          : `not in the allowed hosts: ${refused.map((host) => host.host).join(", ")} — add them above`}
      </p>
    </li>
  );
}

export function ConnectionsPanel() {
  const trpc = useTRPC();
  const check = useMutation(trpc.settings.checkConnections.mutationOptions());
  return (
    <Card title="Connections">
      <p className="mb-3 text-sm text-zinc-500 dark:text-zinc-400">
        Reaches Hugging Face and Civitai with the saved tokens: whether each answers, which account a token belongs to, and whether downloads may follow their
        storage redirects. Save changed tokens or hosts first.
      </p>
      <button type="button" className={secondaryButtonClass} disabled={check.isPending} onClick={() => check.mutate()}>
        {check.isPending ? "Checking…" : "Check connections"}
      </button>
      {check.error && <ErrorBox title="Could not check" message={check.error.message} />}
      {check.data && (
        <div role="status" className="mt-4 space-y-3 text-sm">
          <ul className="space-y-3">
            {check.data.services.map((service) => (
              <ServiceResult key={service.service} service={service} />
            ))}
          </ul>
          <p className={check.data.ok ? "text-emerald-600 dark:text-emerald-400" : "text-amber-600 dark:text-amber-400"}>
            {check.data.ok ? "Everything answers as it should." : "Something needs attention."}
          </p>
        </div>
      )}
    </Card>
  );
}
