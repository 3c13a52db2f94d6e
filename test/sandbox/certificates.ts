/**
 * Test certificate authority and the sandbox's server certificate.
 *
 * Keys come from node:crypto (native, fast); node-forge only assembles and signs the X.509
 * certificates, which node:crypto cannot do. The CA is created once per test run by
 * test/run.ts (so NODE_EXTRA_CA_CERTS can point at it before any Node process starts) and each
 * sandbox signs a short-lived server certificate for 127.0.0.1 / localhost with it.
 */
import { generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import forge from "node-forge";

/** Environment variable naming the directory that holds the test CA (see CA_CERT_FILE, CA_KEY_FILE). */
export const CA_DIR_ENV = "GRAPH_SANDBOX_CA_DIR";
export const CA_CERT_FILE = "ca.cert.pem";
export const CA_KEY_FILE = "ca.key.pem";

export interface CertificateAuthority {
  certPem: string;
  keyPem: string;
  /** Path of the PEM file holding the CA certificate (what NODE_EXTRA_CA_CERTS points at). */
  certFile: string;
}

export interface ServerCertificate {
  certPem: string;
  keyPem: string;
}

const ONE_DAY_MS = 24 * 60 * 60 * 1000;

function newRsaKeyPair(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    privatePem: privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
    publicPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

/**
 * Signs a forge certificate with node:crypto instead of forge's pure-JavaScript RSA (which
 * takes hundreds of milliseconds per signature): forge hands the to-be-signed bytes to the
 * message digest it is given, so a digest that only records them is enough.
 */
function signWithNodeCrypto(cert: forge.pki.Certificate, privatePem: string): void {
  let tbs = "";
  const recorder = {
    algorithm: "sha256",
    update(bytes: string) {
      tbs += bytes;
      return recorder;
    },
  };
  const signer = {
    sign: () => sign("sha256", Buffer.from(tbs, "binary"), privatePem).toString("binary"),
  };
  cert.sign(signer as unknown as forge.pki.rsa.PrivateKey, recorder as unknown as forge.md.MessageDigest);
}

function serialNumber(): string {
  // Positive 16-byte serial: clear the top bit so DER does not read it as negative.
  const bytes = randomBytes(16);
  bytes[0] = bytes[0] & 0x7f;
  return bytes.toString("hex");
}

function validity(cert: forge.pki.Certificate, days: number): void {
  const now = Date.now();
  cert.validity.notBefore = new Date(now - 60 * 60 * 1000);
  cert.validity.notAfter = new Date(now + days * ONE_DAY_MS);
}

/** Creates a self-signed CA (RSA 2048, SHA-256, valid for 2 days) in memory. */
export function createCertificateAuthority(): Omit<CertificateAuthority, "certFile"> {
  const keys = newRsaKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(keys.publicPem);
  cert.serialNumber = serialNumber();
  validity(cert, 2);
  const subject = [
    { name: "commonName", value: "passwordless-onboarding Graph sandbox test CA" },
    { name: "organizationName", value: "passwordless-onboarding tests" },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: "basicConstraints", cA: true, critical: true },
    { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    { name: "subjectKeyIdentifier" },
  ]);
  signWithNodeCrypto(cert, keys.privatePem);
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privatePem };
}

/** Everything a sandbox needs to serve HTTPS and sign tokens, as PEM text. */
export interface SandboxKeyMaterial {
  ca: CertificateAuthority;
  server: ServerCertificate;
  /** RSA private key the sandbox signs its RS256 access tokens with. */
  tokenSigningKeyPem: string;
}

const SERVER_CERT_FILE = "server.cert.pem";
const SERVER_KEY_FILE = "server.key.pem";
const TOKEN_SIGNING_KEY_FILE = "token-signing.key.pem";

/**
 * Writes a CA, a server certificate signed by it and a token-signing key to `dir`. RSA key
 * generation costs a few hundred milliseconds on a small machine, so it is done once per test
 * run (by test/run.ts) rather than once per sandbox.
 */
export function writeKeyMaterial(dir: string): SandboxKeyMaterial {
  const authority = createCertificateAuthority();
  const certFile = join(dir, CA_CERT_FILE);
  writeFileSync(certFile, authority.certPem, { mode: 0o644 });
  writeFileSync(join(dir, CA_KEY_FILE), authority.keyPem, { mode: 0o600 });
  const server = issueServerCertificate(authority);
  writeFileSync(join(dir, SERVER_CERT_FILE), server.certPem, { mode: 0o644 });
  writeFileSync(join(dir, SERVER_KEY_FILE), server.keyPem, { mode: 0o600 });
  const tokenSigningKeyPem = newRsaKeyPair().privatePem;
  writeFileSync(join(dir, TOKEN_SIGNING_KEY_FILE), tokenSigningKeyPem, { mode: 0o600 });
  return { ca: { ...authority, certFile }, server, tokenSigningKeyPem };
}

function readPem(dir: string, file: string): string {
  try {
    return readFileSync(join(dir, file), "utf8");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${CA_DIR_ENV}=${dir} must hold ${file} (as written by test/run.ts): ${reason}`, {
      cause: error,
    });
  }
}

/** Reads what writeKeyMaterial wrote to `dir`. */
export function readKeyMaterial(dir: string): SandboxKeyMaterial {
  return {
    ca: {
      certFile: join(dir, CA_CERT_FILE),
      certPem: readPem(dir, CA_CERT_FILE),
      keyPem: readPem(dir, CA_KEY_FILE),
    },
    server: { certPem: readPem(dir, SERVER_CERT_FILE), keyPem: readPem(dir, SERVER_KEY_FILE) },
    tokenSigningKeyPem: readPem(dir, TOKEN_SIGNING_KEY_FILE),
  };
}

const loadedFromDir = new Map<string, SandboxKeyMaterial>();

/**
 * The key material a sandbox uses: the one in GRAPH_SANDBOX_CA_DIR (read once per process), or
 * else new material written to a fresh temporary directory, returned as `ownedDir` so the caller
 * can remove it when the sandbox stops.
 */
export function resolveKeyMaterial(env: Record<string, string | undefined> = process.env): {
  material: SandboxKeyMaterial;
  ownedDir?: string;
} {
  const dir = env[CA_DIR_ENV];
  if (dir) {
    let material = loadedFromDir.get(dir);
    if (!material) {
      material = readKeyMaterial(dir);
      loadedFromDir.set(dir, material);
    }
    return { material };
  }
  const ownedDir = mkdtempSync(join(tmpdir(), "graph-sandbox-ca-"));
  return { material: writeKeyMaterial(ownedDir), ownedDir };
}

/** Signs a server certificate for 127.0.0.1 and localhost (valid for 1 day). */
export function issueServerCertificate(
  ca: Pick<CertificateAuthority, "certPem" | "keyPem">,
): ServerCertificate {
  const keys = newRsaKeyPair();
  const caCert = forge.pki.certificateFromPem(ca.certPem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(keys.publicPem);
  cert.serialNumber = serialNumber();
  validity(cert, 1);
  cert.setSubject([{ name: "commonName", value: "127.0.0.1" }]);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: "basicConstraints", cA: false },
    { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
    { name: "extKeyUsage", serverAuth: true },
    {
      name: "subjectAltName",
      altNames: [
        { type: 7, ip: "127.0.0.1" },
        { type: 2, value: "localhost" },
      ],
    },
  ]);
  signWithNodeCrypto(cert, ca.keyPem);
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privatePem };
}
