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
    // The dashboard posts runs.analyze, whose input (uploaded workflows) does not fit in a URL.
    allowMethodOverride: true,
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed:`, error);
    },
  });
}

export { handler as GET, handler as POST };
