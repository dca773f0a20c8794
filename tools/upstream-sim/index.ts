// A local stand-in for Civitai, Hugging Face and their storage hosts, for tests, benchmarks and the demo.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { BodyStore } from "./body";
import { handleCivitai } from "./civitai";
import { FaultBook, type SimFault, type SimServerName } from "./faults";
import { handleHf } from "./hf";
import { flatHeaders, htmlPage, requestUrl, send, sendHtml, sendJson, sleep } from "./http";
import { CatalogueIndex, Presigner, type SimOptions, type SimRequest, type SimState, type SimUrls } from "./state";
import { handleStorage } from "./storage";

export type { SimCatalogue, SimCivitaiModel, SimHfRepo } from "./catalogue";
export type { SimFault, SimServerName } from "./faults";
export type { SimOptions, SimRequest, SimUrls } from "./state";

export type SimFileInfo = { sha256: string; size: number; autoV2: string };

/** What the simulated services counted. */
export type SimCountersView = {
  /** Downloads Civitai counted, in total and by version id (a probe that stops at the 307 counts too). */
  civitaiDownloads: number;
  civitaiDownloadsByVersion: Record<number, number>;
};

export type UpstreamSim = SimUrls & {
  addFault(fault: SimFault): void;
  clearFaults(): void;
  /** Changes options for the following requests (a new catalogue is re-indexed). */
  setOptions(options: Partial<SimOptions>): void;
  /** Every request received, newest last. */
  readonly requests: SimRequest[];
  resetRequests(): void;
  /** Size and hashes of a catalogue file by its base name (Civitai first, then Hugging Face), or a Civitai file by id. */
  fileInfo(file: string | { civitaiFileId: number } | { hfRepo: string; path: string }): SimFileInfo;
  counters(): SimCountersView;
  close(): Promise<void>;
};

type Handler = (state: SimState, req: IncomingMessage, res: ServerResponse, url: URL, request: SimRequest) => void | Promise<void>;

const handlers: Record<SimServerName, Handler> = {
  civitai: handleCivitai,
  hf: handleHf,
  storage: handleStorage,
};

const hostNames: Record<SimServerName, string> = {
  civitai: "127.0.0.1",
  hf: "127.0.0.1",
  // A different host name than the APIs, so clients must drop Authorization on the redirect.
  storage: "localhost",
};

const serverOrder: SimServerName[] = ["civitai", "hf", "storage"];

export async function startUpstreamSim(options: SimOptions): Promise<UpstreamSim> {
  const bodies = new BodyStore();
  const state: SimState = {
    options: { ...options },
    index: new CatalogueIndex(options.catalogue, bodies),
    bodies,
    faults: new FaultBook(),
    requests: [],
    urls: { civitaiUrl: "", hfUrl: "", storageUrl: "" },
    presigner: new Presigner(() => state.options.presignTtlMs),
    counters: { civitaiDownloads: new Map(), civitaiDownloadsByCaller: new Map(), hfCalls: new Map(), hfWindowStartedAt: Date.now() },
    etagGenerations: new Map(),
  };

  const servers = await Promise.all(
    serverOrder.map((name, offset) =>
      listen(
        createServer((req, res) => void serve(state, name, req, res)),
        options.portBase ? options.portBase + offset : 0,
      ),
    ),
  );
  const [civitaiPort, hfPort, storagePort] = servers.map((server) => (server.address() as AddressInfo).port);
  state.urls = {
    civitaiUrl: `http://${hostNames.civitai}:${civitaiPort}`,
    hfUrl: `http://${hostNames.hf}:${hfPort}`,
    storageUrl: `http://${hostNames.storage}:${storagePort}`,
  };

  return {
    ...state.urls,
    addFault: (fault) => state.faults.add(fault),
    clearFaults: () => state.faults.clear(),
    setOptions: (partial) => {
      state.options = { ...state.options, ...partial };
      if (partial.catalogue) state.index = new CatalogueIndex(partial.catalogue, state.bodies);
    },
    get requests() {
      return state.requests;
    },
    resetRequests: () => {
      state.requests.length = 0;
    },
    fileInfo: (file) => fileInfo(state, file),
    counters: () => {
      const byVersion = Object.fromEntries(state.counters.civitaiDownloads);
      return { civitaiDownloads: Object.values(byVersion).reduce((sum, count) => sum + count, 0), civitaiDownloadsByVersion: byVersion };
    },
    close: () => Promise.all(servers.map(closeServer)).then(() => undefined),
  };
}

function listen(server: Server, port: number): Promise<Server> {
  server.keepAliveTimeout = 30_000;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

async function serve(state: SimState, server: SimServerName, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = req.url ?? "/";
  const request: SimRequest = { server, method: req.method ?? "GET", path, headers: flatHeaders(req) };
  state.requests.push(request);
  req.resume();
  try {
    const latency = (state.options.latencyMs ?? 0) + (server === "storage" ? 0 : (state.options.apiLatencyMs ?? 0));
    if (latency > 0) await sleep(latency);
    const fault = state.faults.takeRequestFault(server, path);
    if (fault) return answerWithFault(res, fault);
    await handlers[server](state, req, res, requestUrl(req), request);
  } catch (error) {
    if (res.headersSent) res.destroy();
    else sendJson(res, 500, { error: `Simulator error: ${error instanceof Error ? error.message : String(error)}` });
  }
}

function answerWithFault(res: ServerResponse, fault: SimFault): void {
  switch (fault.kind) {
    case "status":
      return send(res, fault.status, fault.body ?? JSON.stringify({ error: `Simulated ${fault.status}` }), {
        "Content-Type": fault.body === undefined ? "application/json" : "text/plain",
        ...fault.headers,
      });
    case "rateLimit": {
      const headers: Record<string, string> = { "Retry-After": fault.retryAfter };
      if (fault.hfRateLimitHeader) {
        const seconds = /^\d+$/.test(fault.retryAfter) ? fault.retryAfter : String(Math.max(0, Math.ceil((Date.parse(fault.retryAfter) - Date.now()) / 1000)));
        headers.RateLimit = `"api";r=0;t=${seconds}`;
        headers["RateLimit-Policy"] = `"fixed window";"api";q=500;w=300`;
      }
      return sendJson(res, 429, { error: "Too Many Requests" }, headers);
    }
    case "html200":
      return sendHtml(res, 200, htmlPage("Just a moment...", "Checking your browser before accessing the site."));
    default:
      return sendJson(res, 500, { error: `Fault ${fault.kind} applies to storage bodies only` });
  }
}

function fileInfo(state: SimState, wanted: string | { civitaiFileId: number } | { hfRepo: string; path: string }): SimFileInfo {
  const { index } = state;
  if (typeof wanted === "object" && "civitaiFileId" in wanted) {
    const entry = index.civitaiFile(wanted.civitaiFileId);
    if (!entry) throw new Error(`The simulator catalogue has no Civitai file ${wanted.civitaiFileId}`);
    return infoOf(index.civitaiBody(entry.file).digest(), entry.file.size);
  }
  if (typeof wanted === "object") {
    const repo = index.hfRepo(wanted.hfRepo);
    const file = repo && index.hfFile(repo, wanted.path);
    if (!repo || !file) throw new Error(`The simulator catalogue has no ${wanted.hfRepo}/${wanted.path}`);
    return infoOf(index.hfBody(repo, file).digest(), file.size);
  }
  const fileName = wanted;
  for (const model of index.catalogue.civitai.models) {
    for (const version of model.modelVersions) {
      const file = version.files.find((candidate) => candidate.name === fileName);
      if (file) return infoOf(index.civitaiBody(file).digest(), file.size);
    }
  }
  for (const repo of index.catalogue.huggingface.repos) {
    const file = repo.files.find((candidate) => candidate.path === fileName || candidate.path.endsWith(`/${fileName}`));
    if (file) return infoOf(index.hfBody(repo, file).digest(), file.size);
  }
  throw new Error(`The simulator catalogue has no file named "${fileName}"`);
}

function infoOf(digest: { sha256: string; autoV2: string }, size: number): SimFileInfo {
  return { sha256: digest.sha256, size, autoV2: digest.autoV2 };
}
