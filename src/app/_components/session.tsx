"use client";
// The signed-in person as the dashboard knows them (account.me), and what their role lets the page show. The server
// refuses the rest anyway; this only keeps controls a role may not use off the page.
import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import type { Permission } from "../../core/roles";
import type { AppRouter } from "../../server/trpc/root";
import { useTRPC } from "../trpc";

export type Me = inferRouterOutputs<AppRouter>["account"]["me"];

export function useMe(options: { enabled?: boolean } = {}) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.account.me.queryOptions(), staleTime: 60_000, enabled: options.enabled ?? true });
}

/** Whether the signed-in role has `permission`; false while unknown, so nothing flashes into view. */
export function useCan(permission: Permission): boolean {
  const me = useMe();
  return me.data?.permissions.includes(permission) ?? false;
}
