// The tRPC HTTP endpoint for the dashboard.
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createContextInner } from "../../../../server/trpc/init";
import { appRouter } from "../../../../server/trpc/root";

export const dynamic = "force-dynamic";

function handler(request: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: () => createContextInner(),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed:`, error);
    },
  });
}

export { handler as GET, handler as POST };
