/**
 * Section 4's first-use costs: what a fresh provider host pays once, inside its first operation,
 * to load the two modules every Graph request goes through: Node's `fetch` (bundled undici,
 * loaded when a fetch global is first touched) and @microsoft/microsoft-graph-client (required by
 * infra/graph/client.ts when the first client is made). Measured in a fresh worker, fetch first,
 * so the SDK's figure does not include fetch.
 */
export interface FirstUseFigures {
  fetchMs: number;
  graphSdkMs: number;
}

export function measureFirstUse(): FirstUseFigures {
  let start = performance.now();
  void new Headers();
  const fetchMs = performance.now() - start;
  start = performance.now();
  require("@microsoft/microsoft-graph-client");
  require("@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials");
  const graphSdkMs = performance.now() - start;
  return { fetchMs, graphSdkMs };
}
