/**
 * Deliberately wrong dynamic providers, each making one mistake the engine suite must catch.
 * Test-only; never used by the project.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { TokenCredential } from "@azure/identity";

/** Holds a credential object created outside its methods (the closure captures the SDK's internals). */
export class CredentialCapturingProvider implements pulumi.dynamic.ResourceProvider {
  constructor(private readonly credential: TokenCredential) {}

  async create(): Promise<pulumi.dynamic.CreateResult> {
    const token = await this.credential.getToken("https://graph.microsoft.com/.default");
    return { id: "broken", outs: { expiresOn: token?.expiresOnTimestamp ?? 0 } };
  }
}

/** Closes over a client secret read when the program ran: the secret would be written into state. */
export function secretCapturingProvider(clientSecret: string): pulumi.dynamic.ResourceProvider {
  return {
    create: () => Promise.resolve({ id: "broken", outs: { secretLength: clientSecret.length } }),
  };
}

/**
 * Loads a project file with a relative path inside a method: it serializes, but the host evaluates
 * the provider as a module without a file, so the relative path resolves against the host's
 * working directory instead of this file's folder.
 */
export class RelativeRequireProvider implements pulumi.dynamic.ResourceProvider {
  create(): Promise<pulumi.dynamic.CreateResult> {
    const echo = require("./echoProvider") as { ECHO_TYPE: string };
    return Promise.resolve({ id: "broken", outs: { type: echo.ECHO_TYPE } });
  }
}

class ProviderFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProviderFailure";
  }
}

/**
 * Throws an instance of an `Error` subclass. Serialized, the class becomes a plain function whose
 * `super(message)` is `Error.call(this, message)`, which initialises nothing: the object reaching
 * the host has no message and does not inherit from Error.
 */
export class ErrorSubclassProvider implements pulumi.dynamic.ResourceProvider {
  create(): Promise<pulumi.dynamic.CreateResult> {
    return Promise.reject(new ProviderFailure("the tenant said no"));
  }

  update(): Promise<pulumi.dynamic.UpdateResult> {
    return Promise.reject(new Error("the tenant said no"));
  }
}
