// users.*: the Users page (admins): accounts, roles, invites, and single sign-on settings.
import { z } from "zod";
import { invalidateAuth } from "../../auth/instance";
import { createInvite, invitePath, listPendingInvites, revokeInvite } from "../../auth/invites";
import { OidcSettingsPatchSchema, OidcSettingsViewSchema, oidcSettingsView, saveOidcSettings } from "../../auth/oidc-settings";
import { ROLES } from "../../../core/roles";
import { listUsers, removeUser, setUserRole, UserViewSchema } from "../../auth/users";
import { audit, authorized, router } from "../init";

const RoleSchema = z.enum(ROLES);

export const usersRouter = router({
  list: authorized("users.manage")
    .output(z.array(UserViewSchema))
    .query(({ ctx }) => listUsers(ctx.db)),
  invites: authorized("users.manage")
    .output(z.array(z.object({ id: z.string(), email: z.string().nullable(), role: z.string(), createdAt: z.date(), expiresAt: z.date().nullable() })))
    .query(({ ctx }) => listPendingInvites(ctx.db)),
  invite: authorized("users.manage")
    .input(z.object({ email: z.email("Enter the person's email address."), role: RoleSchema }))
    .output(z.object({ id: z.string(), link: z.string(), expiresAt: z.date() }))
    .mutation(async ({ ctx, input }) => {
      const invite = await createInvite(ctx.db, { email: input.email, role: input.role, createdById: ctx.actor.userId });
      await audit(ctx, "user.invited", input.email.toLowerCase(), { role: input.role, inviteId: invite.id });
      const base = ctx.env.publicUrl?.origin ?? ctx.origin ?? "";
      return { id: invite.id, link: `${base}${invitePath("invite", invite.token)}`, expiresAt: invite.expiresAt };
    }),
  revokeInvite: authorized("users.manage")
    .input(z.object({ id: z.uuid() }))
    .output(z.object({ id: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const invite = await revokeInvite(ctx.db, input.id);
      await audit(ctx, "invite.revoked", invite.email, { inviteId: input.id });
      return { id: input.id };
    }),
  setRole: authorized("users.manage")
    .input(z.object({ userId: z.string().min(1), role: RoleSchema }))
    .output(z.object({ id: z.string(), role: RoleSchema }))
    .mutation(async ({ ctx, input }) => {
      const change = await setUserRole(ctx.db, input.userId, input.role);
      if (change.from !== change.to) await audit(ctx, "user.role_changed", change.email, { from: change.from, to: change.to });
      return { id: input.userId, role: change.to };
    }),
  remove: authorized("users.manage")
    .input(z.object({ userId: z.string().min(1) }))
    .output(z.object({ id: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const removed = await removeUser(ctx.db, input.userId);
      await audit(ctx, "user.removed", removed.email, { role: removed.role });
      return { id: input.userId };
    }),
  signInSettings: authorized("settings.manage")
    .output(OidcSettingsViewSchema)
    .query(({ ctx }) => oidcSettingsView(ctx.db, ctx.env)),
  updateSignInSettings: authorized("settings.manage")
    .input(OidcSettingsPatchSchema)
    .output(OidcSettingsViewSchema)
    .mutation(async ({ ctx, input }) => {
      const changes = await saveOidcSettings(ctx.db, ctx.env, input);
      invalidateAuth(ctx.db);
      await audit(ctx, "sign_in_settings.updated", "single sign-on", changes);
      return oidcSettingsView(ctx.db, ctx.env);
    }),
});
