/** Removes known secret values from text before it leaves the Graph layer (errors, logs). */

const MIN_SECRET_LENGTH = 4;

export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    result = result.split(secret).join("[redacted]");
  }
  return result;
}
