// Stores a run event with the run's next seq and announces it with NOTIFY, in one transaction,
// so any web instance's SSE relay can serve it and a reconnecting client can replay it.
import { RunEventSchema, type RunEvent, type RunEventInput } from "../../core/events";
import type { Prisma } from "../../generated/prisma/client";
import type { Db } from "../db/client";
import { storable } from "../db/storable";

export const RUN_EVENTS_CHANNEL = "run_events";
/** NOTIFY payloads are capped at 8000 bytes; bigger events are announced by seq only. */
const MAX_NOTIFY_BYTES = 7_500;

export async function publishRunEvent(db: Db, runId: string, input: RunEventInput): Promise<RunEvent> {
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ lastSeq: number }[]>`
      UPDATE "Run" SET "lastSeq" = "lastSeq" + 1 WHERE id = ${runId}::uuid RETURNING "lastSeq"`;
    if (!row) throw new Error(`Run ${runId} does not exist`);
    const event = storable({ ...input, runId, seq: row.lastSeq, at: new Date().toISOString() }) as RunEvent;
    await tx.runEvent.create({ data: { runId, seq: event.seq, type: event.type, payload: event as unknown as Prisma.InputJsonObject } });
    const full = JSON.stringify(event);
    const payload = Buffer.byteLength(full) <= MAX_NOTIFY_BYTES ? full : JSON.stringify({ runId, seq: event.seq });
    await tx.$executeRaw`SELECT pg_notify(${RUN_EVENTS_CHANNEL}, ${payload})`;
    return event;
  });
}

export async function readRunEvents(db: Db, runId: string, afterSeq: number, limit = 1_000): Promise<RunEvent[]> {
  const rows = await db.runEvent.findMany({
    where: { runId, seq: { gt: afterSeq } },
    orderBy: { seq: "asc" },
    take: limit,
    select: { payload: true },
  });
  // An event this version cannot read (written by a newer one) is left out rather than shown wrong.
  return rows.flatMap((row) => {
    const event = RunEventSchema.safeParse(row.payload);
    return event.success ? [event.data] : [];
  });
}
