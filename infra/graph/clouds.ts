/**
 * The Microsoft clouds Graph is offered in, with the Graph and login hosts of each.
 * Names follow the azuread provider's `environment` setting (`ARM_ENVIRONMENT`).
 */

export type CloudName = "public" | "usgovernment" | "usgovernmentl5" | "china";

export interface Cloud {
  name: CloudName;
  /** Graph base URL, without a trailing slash. */
  graphEndpoint: string;
  /** Entra ID login authority host, without a trailing slash. */
  authorityHost: string;
}

export const CLOUDS: Readonly<Record<CloudName, Cloud>> = {
  public: {
    name: "public",
    graphEndpoint: "https://graph.microsoft.com",
    authorityHost: "https://login.microsoftonline.com",
  },
  usgovernment: {
    name: "usgovernment",
    graphEndpoint: "https://graph.microsoft.us",
    authorityHost: "https://login.microsoftonline.us",
  },
  usgovernmentl5: {
    name: "usgovernmentl5",
    graphEndpoint: "https://dod-graph.microsoft.us",
    authorityHost: "https://login.microsoftonline.us",
  },
  china: {
    name: "china",
    graphEndpoint: "https://microsoftgraph.chinacloudapi.cn",
    authorityHost: "https://login.chinacloudapi.cn",
  },
};

/** Every spelling accepted for each cloud (lower-cased), as the azuread provider accepts them. */
const CLOUD_ALIASES: Readonly<Record<string, CloudName>> = {
  public: "public",
  global: "public",
  usgovernment: "usgovernment",
  usgovernmentl4: "usgovernment",
  usgovernmentl5: "usgovernmentl5",
  dod: "usgovernmentl5",
  china: "china",
};

export const ACCEPTED_CLOUD_NAMES: readonly string[] = Object.keys(CLOUD_ALIASES);

/** Returns the cloud for a name, or undefined when the name is not one of ACCEPTED_CLOUD_NAMES. */
export function findCloud(name: string): Cloud | undefined {
  const key = CLOUD_ALIASES[name.trim().toLowerCase()];
  return key === undefined ? undefined : CLOUDS[key];
}

/**
 * Login hosts MSAL knows without instance discovery; any other authority needs discovery turned off.
 * An array, not a Set: Pulumi's closure serializer cannot recreate a Set, and this runs in providers.
 */
const KNOWN_LOGIN_HOSTS: readonly string[] = [
  "login.microsoftonline.com",
  "login.microsoft.com",
  "login.windows.net",
  "login.microsoftonline.us",
  "login.chinacloudapi.cn",
  "login.partner.microsoftonline.cn",
];

export function isKnownLoginHost(authorityHost: string): boolean {
  try {
    return KNOWN_LOGIN_HOSTS.includes(new URL(authorityHost).hostname.toLowerCase());
  } catch {
    return false;
  }
}
