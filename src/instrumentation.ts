// Runs once when the web server starts: its environment is parsed here, so a bad value stops it at once with the
// variable's name rather than failing on the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { serverEnv } = await import("./server/env");
  serverEnv();
}
