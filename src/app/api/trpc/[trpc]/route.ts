// The tRPC HTTP endpoint for the dashboard and the CLI: the caller comes from the session cookie or the API key.
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createRequestContext } from "../../../../server/trpc/init";
import { appRouter } from "../../../../server/trpc/root";

export const dynamic = "force-dynamic";

function handler(request: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: () => createRequestContext(request),
    // The dashboard posts runs.analyze, whose input (uploaded workflows) does not fit in a URL.
    allowMethodOverride: true,
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed:`, error);
    },
  });
}

export { handler as GET, handler as POST };
