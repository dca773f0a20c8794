// The run event stream: live delivery through LISTEN/NOTIFY, replay after a disconnect, recovery after the
// relay's connection is killed, and the end event.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../../test/database";
import { publishRunEvent } from "./publish";
import { RunEventRelay } from "./relay";
import { createRunEventStream } from "./sse";

type Message = { id?: number; event?: string; data?: unknown; comment?: string };

/** Reads SSE messages from a stream until `until` says stop. */
async function readMessages(stream: ReadableStream<Uint8Array>, until: (messages: Message[]) => boolean): Promise<Message[]> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const messages: Message[] = [];
  let buffer = "";
  while (!until(messages)) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let boundary: number;
    while ((boundary = buffer.indexOf("\n\n")) >= 0) {
      const message: Message = {};
      for (const line of buffer.slice(0, boundary).split("\n")) {
        if (line.startsWith(":")) message.comment = line.slice(1).trim();
        else if (line.startsWith("id: ")) message.id = Number(line.slice(4));
        else if (line.startsWith("event: ")) message.event = line.slice(7);
        else if (line.startsWith("data: ")) message.data = JSON.parse(line.slice(6));
      }
      messages.push(message);
      buffer = buffer.slice(boundary + 2);
    }
  }
  await reader.cancel().catch(() => undefined);
  return messages;
}

const ids = (messages: Message[]) => messages.filter((message) => message.id !== undefined).map((message) => message.id);

describe("run event stream", () => {
  const database = useTestDatabase();
  let relay: RunEventRelay;
  let runId: string;
  const log = (message: string) => publishRunEvent(database.db, runId, { type: "log", level: "info", message });

  beforeAll(async () => {
    relay = new RunEventRelay(database.url);
    runId = (await database.db.run.create({ data: { modelsRoot: "/models" } })).id;
  });
  afterAll(async () => {
    await relay?.close();
  });

  it("sends stored events, then live ones, with id = seq", async () => {
    await log("one");
    await log("two");
    const stream = createRunEventStream({ db: database.db, relay, runId, afterSeq: 0 });
    const reading = readMessages(stream, (messages) => ids(messages).length >= 4);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await log("three");
    await log("four");
    const messages = await reading;
    expect(messages[0]?.comment).toBe("connected");
    expect(ids(messages)).toEqual([1, 2, 3, 4]);
    expect(messages.find((message) => message.id === 3)?.data).toMatchObject({ runId, seq: 3, type: "log", message: "three" });
  });

  it("replays from Last-Event-ID after a disconnect, missing nothing and repeating nothing", async () => {
    await log("five (published while the client was away)");
    const stream = createRunEventStream({ db: database.db, relay, runId, afterSeq: 3 });
    const messages = await readMessages(stream, (seen) => ids(seen).length >= 2);
    expect(ids(messages)).toEqual([4, 5]);
  });

  it("keeps following after the relay's database connection is killed (as in a PostgreSQL restart)", async () => {
    const stream = createRunEventStream({ db: database.db, relay, runId, afterSeq: 5 });
    const reading = readMessages(stream, (messages) => ids(messages).length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const killed = await database.db.$queryRawUnsafe<{ killed: boolean }[]>(
      `SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`,
    );
    // The relay's listening connection really was there and really was killed.
    expect(killed.filter((row) => row.killed).length).toBeGreaterThanOrEqual(1);
    await log("six (published while the relay was reconnecting)");
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await log("seven");
    expect(ids(await reading)).toEqual([6, 7]);
  });

  it("sends heartbeat comments while nothing happens, and ends after run.finished", async () => {
    const stream = createRunEventStream({ db: database.db, relay, runId, afterSeq: 7, heartbeatMs: 50 });
    const reading = readMessages(stream, (messages) => messages.some((message) => message.event === "end"));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await publishRunEvent(database.db, runId, { type: "run.finished", status: "completed" });
    const messages = await reading;
    expect(messages.filter((message) => message.comment?.startsWith("heartbeat")).length).toBeGreaterThanOrEqual(2);
    expect(ids(messages)).toEqual([8]);
    expect(messages.at(-1)?.event).toBe("end");
  });
});
