// GET /api/health: 200 when the database and a worker are up, 503 otherwise. Without a session or an API key the
// body says only that; signed in, it has the details.
import { actorOfRequest } from "../../../server/auth/request";
import { db } from "../../../server/db/client";
import { serverEnv } from "../../../server/env";
import { checkHealth } from "../../../server/services/health";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const health = await checkHealth(db(), serverEnv().staleRunSeconds);
  const status = health.ok ? 200 : 503;
  const actor = await actorOfRequest(request).catch(() => null);
  return Response.json(actor ? health : { ok: health.ok }, { status });
}
