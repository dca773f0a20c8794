// GET /api/health: database and worker liveness as JSON (200 when both are up, 503 otherwise).
import { db } from "../../../server/db/client";
import { serverEnv } from "../../../server/env";
import { checkHealth } from "../../../server/services/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkHealth(db(), serverEnv().staleRunSeconds);
  return Response.json(health, { status: health.ok ? 200 : 503 });
}
