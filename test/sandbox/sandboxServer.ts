/**
 * The HTTPS server every tenant of a sandbox shares: one origin on 127.0.0.1 (as
 * login.microsoftonline.com and graph.microsoft.com each serve all tenants), one server certificate
 * and one token-signing key (Entra ID signs every tenant's tokens with the same published keys).
 * Each request goes to the handler `serve` installed; stopping closes the server once, whichever
 * tenant asks and however often.
 */
import { rmSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer, Server } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { resolveKeyMaterial } from "./certificates";
import { TokenSigner } from "./tokens";

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

interface PendingSleep {
  timer: NodeJS.Timeout;
  resolve: () => void;
}

export class SandboxServer {
  readonly signer: TokenSigner;
  /** PEM file of the CA that signed the server certificate. */
  readonly caFile: string;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<PendingSleep>();
  private readonly ownedDir?: string;
  private handler?: RequestHandler;
  private stopping?: Promise<void>;
  private port = 0;

  private constructor() {
    const { material, ownedDir } = resolveKeyMaterial();
    this.signer = new TokenSigner(material.tokenSigningKeyPem);
    this.caFile = material.ca.certFile;
    this.ownedDir = ownedDir;
    this.server = createServer({ key: material.server.keyPem, cert: material.server.certPem }, (req, res) =>
      this.answer(req, res),
    );
    this.server.on("connection", (socket: Socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
    // A client that gives up mid-handshake must not crash the test process.
    this.server.on("tlsClientError", () => undefined);
  }

  /** Listens on 127.0.0.1 (`port`, or a random free one). */
  static async listen(port: number | undefined): Promise<SandboxServer> {
    const sandboxServer = new SandboxServer();
    const { server } = sandboxServer;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port ?? 0, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
    sandboxServer.port = (server.address() as AddressInfo).port;
    return sandboxServer;
  }

  get origin(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  /** Installs what answers each request. */
  serve(handler: RequestHandler): void {
    this.handler = handler;
  }

  /** Waits `ms`, or less if the server stops meanwhile. */
  sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const pending: PendingSleep = {
        resolve,
        timer: setTimeout(() => {
          this.timers.delete(pending);
          resolve();
        }, ms),
      };
      this.timers.add(pending);
    });
  }

  /** Closes the server and every open connection; removes a CA directory it created. Safe to call again. */
  stop(): Promise<void> {
    this.stopping ??= this.close();
    return this.stopping;
  }

  private async close(): Promise<void> {
    for (const pending of this.timers) {
      clearTimeout(pending.timer);
      pending.resolve();
    }
    this.timers.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await closed;
    if (this.ownedDir) rmSync(this.ownedDir, { recursive: true, force: true });
  }

  private answer(req: IncomingMessage, res: ServerResponse): void {
    const handled = this.handler
      ? this.handler(req, res)
      : Promise.reject(new Error("the sandbox serves no tenant yet"));
    handled.catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(
          JSON.stringify({ error: { code: "InternalServerError", message: `Sandbox failure: ${message}` } }),
        );
      }
    });
  }
}
