// A second baseline: the plainest Node download (undici, one stream per file, no hashing or checks),
// to show how much of the gap to curl is Node itself rather than the engine.
import { open } from "node:fs/promises";
import path from "node:path";
import { Agent, request } from "undici";

const { urls, dir } = JSON.parse(process.argv[2] ?? "{}") as { urls: string[]; dir: string };
const agent = new Agent();

async function fetchTo(url: string, file: string): Promise<void> {
  let response = await request(url, { dispatcher: agent });
  while (response.statusCode >= 300 && response.statusCode < 400) {
    await response.body.dump();
    response = await request(new URL(String(response.headers.location), url), { dispatcher: agent });
  }
  const handle = await open(file, "w");
  let position = 0;
  for await (const chunk of response.body as AsyncIterable<Buffer>) {
    await handle.write(chunk, 0, chunk.length, position);
    position += chunk.length;
  }
  await handle.close();
}

const started = performance.now();
await Promise.all(urls.map((url, index) => fetchTo(url, path.join(dir, `plain_${index}`))));
await agent.close();
process.stdout.write(`${JSON.stringify({ seconds: (performance.now() - started) / 1000 })}\n`);
