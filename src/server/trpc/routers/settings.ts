// settings.get / settings.update / settings.checkConnections: the settings page's procedures. Tokens are write-only.
import { z } from "zod";
import { SettingsPatchSchema, SettingsSchema } from "../../../core/config/settings";
import { DoctorReportSchema } from "../../../core/doctor/check-upstreams";
import { checkConnections } from "../../services/doctor";
import { getMaskedTokens, getSettings, TokenPatchSchema, updateSettings, updateTokens } from "../../services/settings";
import { publicProcedure, router } from "../init";

const MaskedTokenSchema = z.object({ set: z.boolean(), hint: z.string().nullable() });
const SettingsViewSchema = z.object({
  settings: SettingsSchema,
  tokens: z.object({ civitai_api_token: MaskedTokenSchema, hf_token: MaskedTokenSchema }),
});

export const settingsRouter = router({
  get: publicProcedure.output(SettingsViewSchema).query(async ({ ctx }) => ({
    settings: await getSettings(ctx.db),
    tokens: await getMaskedTokens(ctx.db),
  })),
  update: publicProcedure
    .input(SettingsPatchSchema.extend({ tokens: TokenPatchSchema.optional() }))
    .output(SettingsViewSchema)
    .mutation(async ({ ctx, input }) => {
      const { tokens, ...patch } = input;
      const settings = await updateSettings(ctx.db, patch);
      if (tokens) await updateTokens(ctx.db, tokens);
      return { settings, tokens: await getMaskedTokens(ctx.db) };
    }),
  /** Reaches Hugging Face and Civitai with the saved tokens, as `comfyfixer doctor` does (never returns a token). */
  checkConnections: publicProcedure.output(DoctorReportSchema).mutation(({ ctx }) => checkConnections(ctx.db, ctx.env)),
});
