// The runs API's shapes as the browser receives them (JSON: dates arrive as ISO strings).
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "../../server/trpc/root";

type Outputs = inferRouterOutputs<AppRouter>["runs"];
export type RunDetailView = Outputs["get"];
export type ModelItem = RunDetailView["models"][number];
export type RunListItemView = Outputs["list"]["items"][number];
