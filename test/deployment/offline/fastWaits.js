/**
 * Preloaded into the offline engine's provider hosts (NODE_OPTIONS=--require): every timer of one
 * second to ten minutes that this project's provider code sets (from infra/, or from the
 * serialized provider, which runs as code without a file name) runs 100 times sooner. Those are the
 * Graph layer's waits (retry back-off, Retry-After, lookups after a POST whose outcome is unknown,
 * replication lag), so a whole deployment through those paths takes milliseconds instead of tens
 * of seconds, the way the azuread emulation's timeScale shortens that provider's polls. Timers of
 * libraries (gRPC deadlines, keep-alives) are left alone. Waits that end on elapsed time
 * (Date.now) rather than a count make more attempts, not fewer.
 */
"use strict";
const path = require("node:path");
const { promisify } = require("node:util");

const realSetTimeout = global.setTimeout;
const SCALE = 100;
const INFRA = path.resolve(__dirname, "../../../infra") + path.sep;

function setByInfra() {
  const frames = (new Error().stack ?? "").split("\n").slice(2);
  const caller = frames.find((frame) => !frame.includes(__filename) && !frame.includes("node:internal"));
  if (caller === undefined || caller.includes(`${path.sep}node_modules${path.sep}`)) return false;
  // A serialized provider's code is compiled from a string: its frames have no file name.
  return caller.includes(INFRA) || caller.includes("<anonymous>:");
}

function scaledSetTimeout(callback, ms, ...args) {
  const long = typeof ms === "number" && ms >= 1000 && ms <= 600000;
  return realSetTimeout(callback, long && setByInfra() ? Math.ceil(ms / SCALE) : ms, ...args);
}
scaledSetTimeout[promisify.custom] = realSetTimeout[promisify.custom];
global.setTimeout = scaledSetTimeout;
