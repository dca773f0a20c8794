// The app's one tRPC router: one sub-router per domain.
import { createCallerFactory, router } from "./init";
import { healthRouter } from "./routers/health";
import { settingsRouter } from "./routers/settings";

export const appRouter = router({
  health: healthRouter,
  settings: settingsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
