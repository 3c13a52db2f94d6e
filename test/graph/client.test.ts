import { strict as assert } from "node:assert";
import { USER_AGENT } from "../../infra/graph/version";
import type { Sandbox } from "../sandbox";
import { useSandboxPerSuite } from "../sandbox/sandboxHooks";
import { clientFor, newGroup, TAP_PATH } from "./sandboxClient";

interface Group {
  id: string;
  displayName: string;
}

describe("createGraphClient against the Graph sandbox (HTTPS, real credential flow)", () => {
  let sandbox: Sandbox;

  useSandboxPerSuite((started) => (sandbox = started));

  it("gets a token with the client secret and attaches it; the same request without it is refused with 401", async () => {
    const client = clientFor(sandbox);
    const tap = await client.get<{ id: string; state: string }>(TAP_PATH);
    assert.equal(tap.id, "TemporaryAccessPass");

    const logins = sandbox.requests.filter((entry) => entry.kind === "login" && entry.method === "POST");
    assert.equal(logins.length, 1, "one token request");
    assert.equal(logins[0].path, `/${sandbox.tenantId}/oauth2/v2.0/token`);
    assert.equal(logins[0].form?.grant_type, "client_credentials");
    assert.equal(logins[0].form?.client_id, sandbox.clientId);
    assert.equal(logins[0].form?.scope, `${sandbox.graphEndpoint}/.default`);
    const [graph] = sandbox.graphRequests();
    assert.equal(graph.status, 200);
    assert.equal(graph.headers.authorization, "<redacted>");

    const anonymous = await fetch(`${sandbox.graphEndpoint}/v1.0${TAP_PATH}`);
    assert.equal(anonymous.status, 401);
    const body = (await anonymous.json()) as { error: { code: string } };
    assert.equal(body.error.code, "InvalidAuthenticationToken");
  });

  it("reuses the token for later requests, from this client and from new ones on the same connection", async () => {
    // The first test signed in already: the process's credential for this connection keeps the token.
    const client = clientFor(sandbox);
    await client.get(TAP_PATH);
    await client.get(TAP_PATH);
    await clientFor(sandbox).get(TAP_PATH);
    assert.deepEqual(
      sandbox.requests.filter((entry) => entry.kind === "login"),
      [],
    );
    assert.equal(sandbox.graphRequests().length, 3);
  });

  it("names the project and its version in User-Agent and SdkVersion", async () => {
    await clientFor(sandbox).get(TAP_PATH);
    const [request] = sandbox.graphRequests();
    assert.equal(request.headers["user-agent"], USER_AGENT);
    assert.match(request.headers.sdkversion ?? "", new RegExp(`^${USER_AGENT.replace(/[./]/g, "\\$&")}`));
  });

  it("sends the version per request and encodes query values", async () => {
    const client = clientFor(sandbox);
    sandbox.addGroup(newGroup("Autopilot devices"));
    sandbox.addGroup(newGroup("Other group"));
    const groups = await client.list<Group>("/groups", {
      version: "beta",
      query: { $filter: "displayName eq 'Autopilot devices'" },
    });
    assert.deepEqual(
      groups.map((group) => group.displayName),
      ["Autopilot devices"],
    );
    const [request] = sandbox.graphRequests();
    assert.equal(request.path, "/beta/groups");
    assert.deepEqual(request.query, { $filter: "displayName eq 'Autopilot devices'" });
  });

  it("follows every @odata.nextLink and returns all items in order", async () => {
    const client = clientFor(sandbox);
    const names = Array.from({ length: 12 }, (_, i) => `Paging group ${String(i).padStart(2, "0")}`);
    for (const name of names) sandbox.addGroup(newGroup(name));
    const expected = sandbox.groups().map((group) => group.displayName);
    assert.ok(expected.length >= 12);
    const groups = await client.list<Group>("/groups", { query: { $top: "5" } });
    assert.deepEqual(
      groups.map((group) => group.displayName),
      expected,
    );
    const pages = sandbox.graphRequests();
    assert.equal(pages.length, Math.ceil(expected.length / 5));
    assert.equal(pages[0].query.$skiptoken, undefined);
    assert.ok(pages.slice(1).every((page) => page.query.$skiptoken !== undefined));
    assert.ok(pages.every((page) => page.query.$top === "5" && page.status === 200));
  });

  it("listFrom continues a collection from a nextLink Graph gave, following the later ones", async () => {
    const client = clientFor(sandbox);
    for (let i = 0; i < 12; i++) sandbox.addGroup(newGroup(`Continued group ${String(i).padStart(2, "0")}`));
    const expected = sandbox.groups().map((group) => group.displayName);
    const first = await client.get<{ value: Group[]; "@odata.nextLink": string }>("/groups", {
      query: { $top: "5" },
    });
    const rest = await client.listFrom<Group>(first["@odata.nextLink"]);
    assert.deepEqual(
      [...first.value, ...rest].map((group) => group.displayName),
      expected,
    );
    assert.equal(sandbox.graphRequests().length, Math.ceil(expected.length / 5));
  });

  it("listFrom refuses a link off the Graph endpoint or not a URL, before sending anything", async () => {
    const client = clientFor(sandbox);
    await assert.rejects(client.listFrom("https://elsewhere.example.com/v1.0/groups?$skiptoken=x"), {
      message: `A nextLink is on https://elsewhere.example.com, not on the Graph endpoint ${sandbox.graphEndpoint}; not following it.`,
    });
    await assert.rejects(client.listFrom("/v1.0/groups?$skiptoken=x"), {
      message: "A nextLink is not a URL: /v1.0/groups?$skiptoken=x",
    });
    assert.equal(sandbox.requests.length, 0);
  });

  it("POSTs a JSON body and returns the created object; PATCH returns nothing on 204", async () => {
    const client = clientFor(sandbox);
    const created = await client.post<Group>("/groups", newGroup("Created by test"));
    assert.ok(created?.id);
    assert.equal(created.displayName, "Created by test");
    const patched = await client.patch(`/groups/${created.id}`, { description: "patched" });
    assert.equal(patched, undefined);
    const [post, patch] = sandbox.graphRequests();
    assert.deepEqual(post.body, newGroup("Created by test"));
    assert.equal(post.headers["content-type"], "application/json");
    assert.deepEqual(patch.body, { description: "patched" });
    assert.equal(sandbox.groups().find((group) => group.id === created.id)?.description, "patched");
  });

  it("rejects a path without a leading slash before sending anything", async () => {
    const client = clientFor(sandbox);
    await assert.rejects(client.get("groups"), {
      message: 'A Graph path must start with "/" (e.g. "/groups"), found "groups".',
    });
    assert.equal(sandbox.requests.length, 0);
  });
});
