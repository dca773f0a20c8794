// A listener on the loopback addresses that stands in for a private target (a metadata service, a router's admin
// page): it counts every connection, whatever the protocol, so a test can prove nothing reached it.
import { createServer, type Server, type Socket } from "node:net";

export type LoopbackTrap = {
  port: number;
  /** Connections accepted so far, on any of its addresses. */
  readonly connections: number;
  close(): Promise<void>;
};

function listen(server: Server, host: string, port: number): Promise<number | null> {
  return new Promise((resolve) => {
    server.once("error", () => resolve(null));
    server.listen(port, host, () => resolve((server.address() as { port: number }).port));
  });
}

/** Listens on 127.0.0.1 and, where the machine has it, on ::1 at the same port. */
export async function startLoopbackTrap(): Promise<LoopbackTrap> {
  let connections = 0;
  const sockets = new Set<Socket>();
  const make = () =>
    createServer((socket) => {
      connections++;
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.end("HTTP/1.1 200 OK\r\nContent-Length: 4\r\nConnection: close\r\n\r\ntrap");
    });
  const v4 = make();
  const port = await listen(v4, "127.0.0.1", 0);
  if (port === null) throw new Error("The loopback trap could not listen on 127.0.0.1");
  const v6 = make();
  const v6Port = await listen(v6, "::1", port);
  const servers = v6Port === null ? [v4] : [v4, v6];
  return {
    port,
    get connections() {
      return connections;
    },
    close: () =>
      Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              for (const socket of sockets) socket.destroy();
              server.close(() => resolve());
            }),
        ),
      ).then(() => undefined),
  };
}
