// settings.get / settings.update / settings.checkConnections: the settings page's procedures. Tokens are write-only;
// only admins change anything.
import { z } from "zod";
import { SettingsPatchSchema, SettingsSchema, type Settings } from "../../../core/config/settings";
import { DoctorReportSchema } from "../../../core/doctor/check-upstreams";
import { checkConnections } from "../../services/doctor";
import { modelsRootsOf } from "../../services/models-root";
import { getMaskedTokens, getSettings, TokenPatchSchema, updateSettings, updateTokens } from "../../services/settings";
import { audit, authorized, router, type Context } from "../init";

const MaskedTokenSchema = z.object({ set: z.boolean(), hint: z.string().nullable() });
const SettingsViewSchema = z.object({
  settings: SettingsSchema,
  tokens: z.object({ civitai_api_token: MaskedTokenSchema, hf_token: MaskedTokenSchema }),
  /** The models folders runs and the inventory may pick from, the default first. */
  modelsRoots: z.array(z.string()),
});

async function settingsView(ctx: Context, settings: Settings) {
  return { settings, tokens: await getMaskedTokens(ctx.db, ctx.env), modelsRoots: modelsRootsOf(settings, ctx.env) };
}

/** Which settings changed, as `section.key: {from, to}` (settings hold no secrets; tokens are kept apart). */
function changedSettings(before: Settings, after: Settings): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const section of Object.keys(after) as Array<keyof Settings>) {
    const old = before[section] as Record<string, unknown>;
    for (const [key, value] of Object.entries(after[section])) {
      if (JSON.stringify(old[key]) !== JSON.stringify(value)) changes[`${section}.${key}`] = { from: old[key], to: value };
    }
  }
  return changes;
}

export const settingsRouter = router({
  get: authorized("read")
    .output(SettingsViewSchema)
    .query(async ({ ctx }) => settingsView(ctx, await getSettings(ctx.db))),
  update: authorized("settings.manage")
    .input(SettingsPatchSchema.extend({ tokens: TokenPatchSchema.optional() }))
    .output(SettingsViewSchema)
    .mutation(async ({ ctx, input }) => {
      const { tokens, ...patch } = input;
      const before = await getSettings(ctx.db);
      const settings = await updateSettings(ctx.db, patch);
      const changes = changedSettings(before, settings);
      if (Object.keys(changes).length > 0) await audit(ctx, "settings.updated", null, { changes });
      if (tokens) {
        const tokenChanges = await updateTokens(ctx.db, ctx.env, tokens);
        if (Object.keys(tokenChanges).length > 0) await audit(ctx, "tokens.updated", null, { tokens: tokenChanges });
      }
      return settingsView(ctx, settings);
    }),
  /** Reaches Hugging Face and Civitai with the saved tokens, as `comfyfixer doctor` does (never returns a token). */
  checkConnections: authorized("runs.operate")
    .output(DoctorReportSchema)
    .mutation(({ ctx }) => checkConnections(ctx.db, ctx.env)),
});
