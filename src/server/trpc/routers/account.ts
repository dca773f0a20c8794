// account.*: the caller's own account (who am I, what may I do) and API keys. Passwords change through better-auth
// (/api/auth/change-password), which checks the current one.
import { z } from "zod";
import { ApiKeyViewSchema, createApiKey, listApiKeys, revokeApiKey } from "../../auth/api-keys";
import { permissionsOf, PERMISSIONS, ROLES, type Permission } from "../../../core/roles";
import { audit, authorized, router } from "../init";

const PermissionSchema = z.enum(Object.keys(PERMISSIONS) as [Permission, ...Permission[]]);

export const accountRouter = router({
  me: authorized("account.own")
    .output(
      z.object({
        email: z.string(),
        name: z.string(),
        role: z.enum(ROLES),
        permissions: z.array(PermissionSchema),
        via: z.enum(["session", "api-key"]),
        hasPassword: z.boolean(),
      }),
    )
    .query(async ({ ctx }) => ({
      email: ctx.actor.email,
      name: ctx.actor.name,
      role: ctx.actor.role,
      permissions: permissionsOf(ctx.actor.role),
      via: ctx.actor.via,
      hasPassword: (await ctx.db.account.count({ where: { userId: ctx.actor.userId, providerId: "credential" } })) > 0,
    })),
  apiKeys: authorized("account.own")
    .output(z.array(ApiKeyViewSchema))
    .query(({ ctx }) => listApiKeys(ctx.db, ctx.actor.userId)),
  createApiKey: authorized("account.own")
    .input(z.object({ name: z.string().trim().min(1, "Give the key a name, such as the machine it is for.").max(64) }))
    .output(z.object({ id: z.string(), name: z.string(), key: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const created = await createApiKey(await ctx.auth(), ctx.actor.userId, input.name);
      await audit(ctx, "api_key.created", created.name, { keyId: created.id, owner: ctx.actor.email });
      return created;
    }),
  revokeApiKey: authorized("account.own")
    .input(z.object({ id: z.string().min(1) }))
    .output(z.object({ id: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const revoked = await revokeApiKey(await ctx.auth(), ctx.db, ctx.actor.userId, input.id);
      await audit(ctx, "api_key.revoked", revoked.name, { keyId: input.id, owner: ctx.actor.email });
      return { id: input.id };
    }),
});
