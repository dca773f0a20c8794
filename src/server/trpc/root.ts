// The app's one tRPC router: one sub-router per domain.
import { createCallerFactory, router } from "./init";
import { accountRouter } from "./routers/account";
import { auditRouter } from "./routers/audit";
import { healthRouter } from "./routers/health";
import { inventoryRouter } from "./routers/inventory";
import { runsRouter } from "./routers/runs";
import { settingsRouter } from "./routers/settings";
import { usersRouter } from "./routers/users";

export const appRouter = router({
  account: accountRouter,
  audit: auditRouter,
  health: healthRouter,
  inventory: inventoryRouter,
  runs: runsRouter,
  settings: settingsRouter,
  users: usersRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
