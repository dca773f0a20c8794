"use client";
// The dashboard's tRPC client and TanStack Query provider.
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, httpLink, splitLink, TRPCClientError } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState, type ReactNode } from "react";
import superjson from "superjson";
import { loadPage } from "./auth-client";
import type { AppRouter } from "../server/trpc/root";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

const POSTED_QUERIES: ReadonlySet<string> = new Set(["runs.analyze"]);

/** A session that ended (expired, signed out elsewhere, account removed) sends the page to sign-in, then back. */
const codeOf = (error: unknown) => (error instanceof TRPCClientError ? (error.data as { code?: string } | undefined)?.code : undefined);

function signInWhenUnauthorized(error: unknown) {
  if (codeOf(error) !== "UNAUTHORIZED") return;
  const here = window.location.pathname + window.location.search;
  loadPage(`/sign-in?next=${encodeURIComponent(here)}`);
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        queryCache: new QueryCache({ onError: signInWhenUnauthorized }),
        mutationCache: new MutationCache({ onError: signInWhenUnauthorized }),
        defaultOptions: {
          queries: {
            staleTime: 5_000,
            refetchOnWindowFocus: false,
            // Asking again does not change a refusal.
            retry: (failures, error) => codeOf(error) !== "UNAUTHORIZED" && codeOf(error) !== "FORBIDDEN" && failures < 3,
          },
        },
      }),
  );
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        splitLink({
          // Queries whose input carries uploaded workflows are too big for a URL: send them as POST.
          condition: (operation) => POSTED_QUERIES.has(operation.path),
          true: httpLink({ url: "/api/trpc", methodOverride: "POST", transformer: superjson }),
          false: httpBatchLink({ url: "/api/trpc", transformer: superjson }),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
