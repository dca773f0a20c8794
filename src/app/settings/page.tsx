"use client";
// Settings: edit the team's settings; they take effect on the next run.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useState, type FormEvent } from "react";
import { SettingsPatchSchema } from "../../core/config/schema";
import { useCan, useMe } from "../_components/session";
import { Card, ErrorBox, PageTitle, inputClass, primaryButtonClass } from "../_components/ui";
import type { AppRouter } from "../../server/trpc/root";
import { useTRPC } from "../trpc";
import { ConnectionsPanel } from "./connections-panel";
import { FIELD_GROUPS, fieldId, toFormValues, toPatch, type FormValues, type SettingField } from "./fields";

type TokenName = "civitai_api_token" | "hf_token";
const TOKENS: { key: TokenName; label: string }[] = [
  { key: "civitai_api_token", label: "Civitai API token" },
  { key: "hf_token", label: "Hugging Face token" },
];

type SettingsView = inferRouterOutputs<AppRouter>["settings"]["get"];

export default function SettingsPage() {
  const trpc = useTRPC();
  const settingsQuery = useQuery(trpc.settings.get.queryOptions());
  if (settingsQuery.error) return <ErrorBox title="Could not load settings" message={settingsQuery.error.message} />;
  if (!settingsQuery.data) return <p className="text-sm text-zinc-500">Loading settings…</p>;
  return <SettingsForm view={settingsQuery.data} />;
}

function SettingsForm({ view }: { view: SettingsView }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<FormValues>(() => toFormValues(view.settings));
  const [tokens, setTokens] = useState<Record<TokenName, string>>({ civitai_api_token: "", hf_token: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const me = useMe();
  const canManage = useCan("settings.manage");
  const canOperate = useCan("runs.operate");
  const update = useMutation(
    trpc.settings.update.mutationOptions({
      onSuccess: (data) => {
        queryClient.setQueryData(trpc.settings.get.queryKey(), data);
        setValues(toFormValues(data.settings));
        setTokens({ civitai_api_token: "", hf_token: "" });
        setSaved(true);
      },
    }),
  );

  const maskedTokens = view.tokens;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const parsed = SettingsPatchSchema.safeParse(toPatch(values));
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join("."), issue.message])));
      return;
    }
    setErrors({});
    const tokenPatch = Object.fromEntries(Object.entries(tokens).filter(([, value]) => value !== ""));
    update.mutate({ ...parsed.data, tokens: tokenPatch });
  }

  const setValue = (id: string, value: string | boolean) => {
    setSaved(false);
    setValues((current) => ({ ...current, [id]: value }));
  };

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      <PageTitle title="Settings">
        {saved && (
          <span role="status" className="text-sm text-emerald-600 dark:text-emerald-400">
            Saved. The next run uses these settings.
          </span>
        )}
        {canManage && (
          <button type="submit" className={primaryButtonClass} disabled={update.isPending}>
            {update.isPending ? "Saving…" : "Save settings"}
          </button>
        )}
      </PageTitle>
      {me.data && !canManage && (
        <p role="note" className="rounded-lg border border-zinc-300 p-3 text-sm dark:border-zinc-700">
          Only an admin changes settings; as a {me.data.role} you see them read-only.
        </p>
      )}
      {update.error && <ErrorBox title="Not saved" message={update.error.message} />}
      {Object.keys(errors).length > 0 && <ErrorBox title="Some values need fixing" message="See the highlighted fields below." />}
      <fieldset disabled={!canManage} className="grid gap-6 lg:grid-cols-2">
        {FIELD_GROUPS.map((group) => (
          <Card key={group.title} title={group.title}>
            <div className="space-y-4">
              {group.fields.map((field) => (
                <FieldInput key={fieldId(field)} field={field} value={values[fieldId(field)]!} error={errors[fieldId(field)]} onChange={setValue} />
              ))}
            </div>
          </Card>
        ))}
        <Card title="API tokens">
          <p className="mb-4 text-sm text-zinc-500 dark:text-zinc-400">
            Tokens are stored on the server and never shown again. Leave a field empty to keep the saved token.
          </p>
          <div className="space-y-4">
            {TOKENS.map((token) => (
              <div key={token.key}>
                <label htmlFor={token.key} className="mb-1 block text-sm font-medium">
                  {token.label}
                </label>
                <input
                  id={token.key}
                  type="password"
                  autoComplete="off"
                  className={inputClass}
                  placeholder={maskedTokens[token.key].set ? `Saved${maskedTokens[token.key].hint ? ` (…${maskedTokens[token.key].hint})` : ""}` : "Not set"}
                  value={tokens[token.key]}
                  onChange={(event) => setTokens((current) => ({ ...current, [token.key]: event.target.value }))}
                />
              </div>
            ))}
          </div>
        </Card>
      </fieldset>
      {canOperate && <ConnectionsPanel />}
    </form>
  );
}

function FieldInput({
  field,
  value,
  error,
  onChange,
}: {
  field: SettingField;
  value: string | boolean;
  error: string | undefined;
  onChange: (id: string, value: string | boolean) => void;
}) {
  const id = fieldId(field);
  const describedBy = [field.help ? `${id}-help` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const common = { id, name: id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy };
  return (
    <div>
      {field.kind === "boolean" ? (
        <label htmlFor={id} className="flex items-center gap-2 text-sm font-medium">
          <input
            {...common}
            type="checkbox"
            className="h-4 w-4 accent-sky-600"
            checked={value === true}
            onChange={(event) => onChange(id, event.target.checked)}
          />
          {field.label}
        </label>
      ) : (
        <>
          <label htmlFor={id} className="mb-1 block text-sm font-medium">
            {field.label}
          </label>
          {field.kind === "list" ? (
            <textarea {...common} rows={3} className={`${inputClass} font-mono`} value={String(value)} onChange={(event) => onChange(id, event.target.value)} />
          ) : (
            <input
              {...common}
              type={field.kind === "text" ? "text" : "number"}
              inputMode={field.kind === "text" ? undefined : "decimal"}
              className={inputClass}
              value={String(value)}
              onChange={(event) => onChange(id, event.target.value)}
            />
          )}
        </>
      )}
      {field.help && (
        <p id={`${id}-help`} className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
          {field.help}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-xs font-medium text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
