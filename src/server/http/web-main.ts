// The web process the launcher starts: Next.js (production build, or dev with --dev) behind the web server's access
// rules. `node --import tsx src/server/http/web-main.ts --port 3000 --host 127.0.0.1 [--dev]`
import { parseArgs } from "node:util";
import next from "next";
import { projectRoot } from "../../core/config/project-root";
import { errorMessage } from "../../core/error-message";
import { serverEnv } from "../env";
import { accessPolicy } from "./request-guard";
import { createWebServer } from "./web-server";

async function main() {
  const { values } = parseArgs({ options: { port: { type: "string" }, host: { type: "string" }, dev: { type: "boolean", default: false } } });
  const port = Number(values.port ?? 3000);
  const hostname = values.host ?? "127.0.0.1";
  const env = serverEnv();
  const app = next({ dev: values.dev, dir: projectRoot(), hostname, port });
  await app.prepare();
  const server = createWebServer({ policy: accessPolicy(env), handle: app.getRequestHandler(), upgrade: values.dev ? app.getUpgradeHandler() : undefined });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, () => resolve());
  });
  console.log(`listening on ${hostname}:${port}`);
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error(`The web server could not start: ${errorMessage(error)}`);
  process.exit(1);
});
