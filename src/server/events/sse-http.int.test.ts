// A run's event stream over real HTTP: the route GET /api/runs/{id}/events behind the real web server, with a real
// PostgreSQL and the real relay — Last-Event-ID and ?after= resume, the finished-run shortcut — and the CLI's follower
// (src/cli/run/sse-client.ts) through a loopback TCP proxy that cuts the connection in the middle of an event.
import { createConnection, createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { followRunEvents } from "../../cli/run/sse-client";
import type { RunEvent } from "../../core/events";
import { createTestAccount, createTestApiKey, type TestAccount } from "../../test/accounts";
import { TEST_SECRET_KEY, useTestDatabase } from "../../test/database";
import { rawRequest, startRouteServer, type RouteServer } from "../../test/route-server";
import { db } from "../db/client";
import { serverEnv } from "../env";
import { runEventRelay } from "./relay";
import { publishRunEvent } from "./publish";

/** The ids of the events in an SSE body, and whether it ended with the end event. */
function parseStream(body: string): { ids: number[]; ended: boolean } {
  const ids = [...body.matchAll(/^id: (\d+)$/gm)].map((match) => Number(match[1]));
  return { ids, ended: /^event: end$/m.test(body) };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

type CuttingProxy = {
  port: number;
  /** The request head each connection sent, in order. */
  requests: string[];
  close(): Promise<void>;
};

/**
 * Forwards loopback TCP to `targetPort`; on its first connection it passes the answer on only up to `cutAfter` bytes
 * past the first match of `cutAt`, then destroys both sides (a connection lost in the middle of an event).
 */
async function startCuttingProxy(targetPort: number, cutAt: string, cutAfter: number): Promise<CuttingProxy> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const server: Server = createServer((client) => {
    const connection = connections++;
    const upstream = createConnection({ host: "127.0.0.1", port: targetPort });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => undefined);
    }
    let head = "";
    client.on("data", (chunk: Buffer) => {
      if (!head.includes("\r\n\r\n")) {
        head += chunk.toString("latin1");
        if (head.includes("\r\n\r\n")) requests[connection] = head.slice(0, head.indexOf("\r\n\r\n"));
      }
      upstream.write(chunk);
    });
    let answered = "";
    upstream.on("data", (chunk: Buffer) => {
      if (connection > 0) return void client.write(chunk);
      const before = answered.length;
      answered += chunk.toString("latin1");
      const at = answered.indexOf(cutAt);
      if (at < 0 || answered.length < at + cutAt.length + cutAfter) return void client.write(chunk);
      client.write(chunk.subarray(0, at + cutAt.length + cutAfter - before), () => {
        client.destroy();
        upstream.destroy();
      });
    });
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as { port: number }).port,
    requests,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe("the run event stream over HTTP", () => {
  const database = useTestDatabase();
  let server: RouteServer;
  let viewer: TestAccount;
  let host: string;
  const log = (runId: string, message: string) => publishRunEvent(database.db, runId, { type: "log", level: "info", message });
  const newRun = async () => (await database.db.run.create({ data: { modelsRoot: "/models", status: "running" } })).id;
  const events = (runId: string, query = "", headers: Record<string, string> = {}) =>
    rawRequest(`${server.url}/api/runs/${runId}/events${query}`, { headers: { host, cookie: viewer.cookie, ...headers } });

  /** A finished run with `logs` log events and the final event after them. */
  const finishedRun = async (logs: number) => {
    const runId = await newRun();
    for (let index = 1; index <= logs; index++) await log(runId, `line ${index}`);
    await publishRunEvent(database.db, runId, { type: "run.finished", status: "completed" });
    await database.db.run.update({ where: { id: runId }, data: { status: "completed" } });
    return runId;
  };

  beforeAll(async () => {
    // The route modules read the process's environment, as they do in the web process.
    Object.assign(process.env, { DATABASE_URL: database.url, COMFYFIXER_SECRET_KEY: TEST_SECRET_KEY });
    server = await startRouteServer(serverEnv());
    host = `127.0.0.1:${server.port}`;
    viewer = await createTestAccount(database, "viewer", { env: serverEnv() });
  });
  afterAll(async () => {
    await server?.close();
    await runEventRelay(serverEnv().databaseUrl).close();
    await db().$disconnect();
  });

  it("Last-Event-ID resumes after that id: exactly the later events, each once, then the end", async () => {
    const runId = await finishedRun(6); // seqs 1–6 are logs, 7 is run.finished
    const all = await events(runId);
    expect(all.status).toBe(200);
    expect(all.headers["content-type"]).toMatch(/^text\/event-stream/);
    expect(parseStream(all.body)).toEqual({ ids: range(1, 7), ended: true });
    expect(parseStream((await events(runId, "", { "last-event-id": "3" })).body)).toEqual({ ids: range(4, 7), ended: true });
  });

  it("the Last-Event-ID header wins over ?after=, which serves a client that cannot send headers", async () => {
    const runId = await finishedRun(6);
    expect(parseStream((await events(runId, "?after=5")).body).ids).toEqual([6, 7]);
    expect(parseStream((await events(runId, "?after=1", { "last-event-id": "5" })).body).ids).toEqual([6, 7]);
    expect(parseStream((await events(runId, "?after=5", { "last-event-id": "1" })).body).ids).toEqual(range(2, 7));
    // A header that is no number starts from the beginning rather than skipping anything.
    expect(parseStream((await events(runId, "?after=5", { "last-event-id": "soon" })).body).ids).toEqual(range(1, 7));
  });

  it("a finished run whose last event the client has seen answers the end at once, without opening a stream", async () => {
    const runId = await finishedRun(2); // lastSeq 3
    for (const seen of ["3", "40"]) {
      const answer = await events(runId, "", { "last-event-id": seen });
      expect(answer.status).toBe(200);
      expect(answer.body).toBe("event: end\ndata: {}\n\n");
    }
    // One id short of the end is a real stream: the last event, then the end.
    const short = await events(runId, "", { "last-event-id": "2" });
    expect(short.body).toMatch(/^: connected\n\n/);
    expect(parseStream(short.body)).toEqual({ ids: [3], ended: true });
  });

  it("the CLI's follower, cut off in the middle of an event, reconnects with Last-Event-ID and ends with every seq once", async () => {
    const runId = await newRun();
    for (let index = 1; index <= 5; index++) await log(runId, `before the cut ${index}`);
    // The first connection loses its bytes 20 characters into the event with id 4.
    const proxy = await startCuttingProxy(server.port, "id: 4\n", 20);
    const apiKey = await createTestApiKey(database, viewer);
    const seen: RunEvent[] = [];
    const reconnects: unknown[] = [];
    let onSeq: ((seq: number) => void) | undefined;
    const reached = (seq: number) => new Promise<void>((resolve) => (onSeq = (latest) => latest >= seq && resolve()));
    try {
      const backfilled = reached(5);
      const following = followRunEvents({
        url: `http://127.0.0.1:${proxy.port}/api/runs/${runId}/events`,
        headers: { Authorization: `Bearer ${apiKey}` },
        onEvent: (event) => {
          seen.push(event);
          onSeq?.(event.seq);
        },
        onReconnect: (error) => reconnects.push(error),
        signal: AbortSignal.timeout(60_000),
      });
      await backfilled;
      // The rest of the run happens live, on the second connection.
      for (let index = 6; index <= 9; index++) await log(runId, `after the cut ${index}`);
      await publishRunEvent(database.db, runId, { type: "run.finished", status: "completed" });
      await following;
    } finally {
      await proxy.close();
    }
    expect(reconnects).toHaveLength(1);
    expect(proxy.requests).toHaveLength(2);
    expect(proxy.requests[0]!.toLowerCase()).not.toContain("last-event-id");
    expect(proxy.requests[1]!.toLowerCase()).toContain("last-event-id: 3");
    expect(seen.map((event) => event.seq)).toEqual(range(1, 10));
    expect(seen.at(-1)).toMatchObject({ type: "run.finished" });
  });
});
