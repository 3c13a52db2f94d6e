/**
 * The base of the project's dynamic resources: a `pulumi-nodejs:dynamic/<module>:<type>` custom
 * resource whose `__provider` input is the thin entry's text (thinProvider.ts). It does what
 * `pulumi.dynamic.Resource` does (@pulumi/pulumi dynamic/index.js: refuse a `__provider` in the
 * props, set it, call the CustomResource constructor with that type) except running the closure
 * serializer to get the text.
 */
import * as pulumi from "@pulumi/pulumi";
import type { GraphProviderOptions } from "./graphProviderOptions";
import { thinProviderText, type ProviderClassLocation } from "./thinProvider";

export abstract class ThinDynamicResource extends pulumi.CustomResource {
  protected constructor(
    provider: ProviderClassLocation,
    providerOptions: GraphProviderOptions | undefined,
    name: string,
    props: pulumi.Inputs,
    opts: pulumi.CustomResourceOptions | undefined,
    module: string,
    type: string,
  ) {
    if (props.__provider !== undefined) {
      throw new Error("A dynamic resource must not define the __provider key");
    }
    super(
      `pulumi-nodejs:dynamic/${module}:${type}`,
      name,
      { ...props, __provider: thinProviderText(provider, providerOptions) },
      opts,
    );
  }
}
