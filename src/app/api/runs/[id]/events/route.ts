// GET /api/runs/[id]/events: the run's events as server-sent events; Last-Event-ID (or ?after=) resumes without gaps.
// Like the tRPC API it needs a session or an API key.
import { z } from "zod";
import { actorOfRequest } from "../../../../../server/auth/request";
import { can, forbiddenMessage } from "../../../../../core/roles";
import { db } from "../../../../../server/db/client";
import { serverEnv } from "../../../../../server/env";
import { runEventRelay } from "../../../../../server/events/relay";
import { createRunEventStream } from "../../../../../server/events/sse";
import { isRunFinished } from "../../../../../core/status";

export const dynamic = "force-dynamic";

export async function GET(request: Request, context: { params: Promise<{ id: string }> }) {
  const actor = await actorOfRequest(request);
  if (!actor) return Response.json({ error: "Sign in first, or send an API key as `Authorization: Bearer <key>`." }, { status: 401 });
  if (!can(actor.role, "read")) return Response.json({ error: forbiddenMessage(actor.role, "read") }, { status: 403 });

  const { id } = await context.params;
  if (!z.uuid().safeParse(id).success) return Response.json({ error: `"${id}" is not a run id.` }, { status: 400 });
  const run = await db().run.findUnique({ where: { id }, select: { status: true, lastSeq: true } });
  if (!run) return Response.json({ error: `Run ${id} does not exist.` }, { status: 404 });

  const resumeFrom = request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("after") ?? "0";
  const afterSeq = Math.max(0, Number.parseInt(resumeFrom, 10) || 0);
  const headers = {
    "Content-Type": "text/event-stream; charset=utf-8",
    "Cache-Control": "no-cache, no-transform",
    Connection: "keep-alive",
    "X-Accel-Buffering": "no",
  };
  // A client that already saw the end of a finished run gets the end again rather than a stream that never closes.
  if (isRunFinished(run.status) && afterSeq >= run.lastSeq) {
    return new Response("event: end\ndata: {}\n\n", { headers });
  }
  const stream = createRunEventStream({
    db: db(),
    relay: runEventRelay(serverEnv().databaseUrl),
    runId: id,
    afterSeq,
    signal: request.signal,
  });
  return new Response(stream, { headers });
}
