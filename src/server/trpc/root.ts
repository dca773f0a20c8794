// The app's one tRPC router: one sub-router per domain.
import { createCallerFactory, router } from "./init";
import { healthRouter } from "./routers/health";
import { inventoryRouter } from "./routers/inventory";
import { runsRouter } from "./routers/runs";
import { settingsRouter } from "./routers/settings";

export const appRouter = router({
  health: healthRouter,
  inventory: inventoryRouter,
  runs: runsRouter,
  settings: settingsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
