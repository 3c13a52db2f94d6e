import { strict as assert } from "node:assert";
import { ClientSecretCredential } from "@azure/identity";
import {
  CredentialCapturingProvider,
  ErrorSubclassProvider,
  RelativeRequireProvider,
  secretCapturingProvider,
} from "./brokenProviders";
import { HostCallError, ProviderHost, resourceRef } from "./providerHost";
import { ProviderSerializationError, serializeProvider } from "./serializeProvider";

const SECRET = "broken-provider-test-secret-Q7v~2";

describe("providers that break the dynamic-provider rules", function () {
  this.timeout(30_000);
  let host: ProviderHost;

  before(async () => {
    host = await ProviderHost.start({ env: { PATH: process.env.PATH ?? "" } });
    await host.configure({});
  });

  after(() => host?.stop());

  it("refuses a provider that captures an @azure/identity credential, saying how to fix it", async () => {
    const credential = new ClientSecretCredential("tenant-id", "client-id", SECRET);
    await assert.rejects(
      serializeProvider(new CredentialCapturingProvider(credential), { label: "credential-capturing" }),
      (error) => {
        assert.ok(error instanceof ProviderSerializationError);
        // Which of the SDK's internal modules the serializer trips on first varies with capture order.
        assert.match(
          error.message,
          /^serializing the credential-capturing provider failed: package\.json export path for "@azure\/identity\/dist\/commonjs\/[^"]+" not found\. /,
        );
        assert.ok(
          error.message.endsWith(
            "A dynamic provider is stored in Pulumi state and run in a separate process, so it must not capture " +
              "credential objects, SDK clients or other live objects: create them inside its methods.",
          ),
        );
        assert.ok(!error.message.includes(SECRET));
        return true;
      },
    );
  });

  it("refuses a provider whose closure holds a client secret, without printing the secret", async () => {
    await assert.rejects(
      serializeProvider(secretCapturingProvider(SECRET), {
        label: "secret-capturing",
        forbiddenValues: [SECRET],
      }),
      (error) => {
        assert.ok(error instanceof ProviderSerializationError);
        assert.match(
          error.message,
          /^the serialized secret-capturing provider contains a secret value captured in its closure/,
        );
        assert.ok(!error.message.includes(SECRET));
        return true;
      },
    );
  });

  it("fails in the host when a method requires a project file by relative path", async () => {
    const serialized = await serializeProvider(new RelativeRequireProvider(), { label: "relative-require" });
    await assert.rejects(
      host.create(resourceRef("pulumi-nodejs:dynamic/test:Broken", "relative"), {
        __provider: serialized.text,
      }),
      (error) => {
        assert.ok(error instanceof HostCallError);
        assert.equal(error.method, "Create");
        assert.match(error.details, /^Cannot find module '\.\/echoProvider'/);
        return true;
      },
    );
  });

  it("loses the message of an Error subclass thrown in the host, but not of a plain Error", async () => {
    const serialized = await serializeProvider(new ErrorSubclassProvider(), { label: "error-subclass" });
    const ref = resourceRef("pulumi-nodejs:dynamic/test:Broken", "error-subclass");
    const subclass = await host.create(ref, { __provider: serialized.text }).then(
      () => assert.fail("Create should fail"),
      (error: HostCallError) => error,
    );
    const plain = await host.update(ref, "id", {}, { __provider: serialized.text }, {}).then(
      () => assert.fail("Update should fail"),
      (error: HostCallError) => error,
    );

    assert.equal(subclass.details.includes("the tenant said no"), false);
    assert.equal(plain.details, "the tenant said no");
  });
});
