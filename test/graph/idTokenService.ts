/** A stand-in for GitHub Actions' id-token service on 127.0.0.1, recording what it was asked. */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface IdTokenService {
  /** The ACTIONS_ID_TOKEN_REQUEST_URL to give the client. */
  url: string;
  requests: IncomingMessage[];
  server: Server;
  stop(): Promise<void>;
}

/** Answers `{ value: idToken() }` to a request that bears `requestToken`, 401 to any other. */
export async function startIdTokenService(
  requestToken: string,
  idToken: () => string,
): Promise<IdTokenService> {
  const requests: IncomingMessage[] = [];
  const server = createServer((request, response) => {
    requests.push(request);
    if (request.headers.authorization !== `bearer ${requestToken}`) {
      response.writeHead(401).end();
      return;
    }
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ value: idToken() }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/_apis/token?api-version=2.0`,
    requests,
    server,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** An unsigned JWT with the given claims (the id-token cache reads `exp` without verifying). */
export function unsignedJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "none", typ: "JWT" })}.${part(claims)}.signature`;
}
