import { formatGraphRequestError, type GraphRequestErrorDetails } from "../../graph/errors";

/**
 * Prefixes a failure with what the provider was doing and rethrows the same error object, so a
 * GraphRequestError keeps its status, code, message and request-id for callers and tests.
 */
export async function withContext<T>(action: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    const text = `${action}: ${errorMessage(error)}`;
    if (error !== null && typeof error === "object") {
      (error as { message: string }).message = text;
      throw error;
    }
    throw new Error(text, { cause: error });
  }
}

/**
 * The message of anything thrown. In a serialized provider, Pulumi rebuilds classes that extend
 * Error without Error's own initialization, so such an error can arrive without a `message` and
 * without `instanceof Error`: a Graph error is then described from its fields.
 */
export function errorMessage(error: unknown): string {
  if (error !== null && typeof error === "object") {
    const { message } = error as { message?: unknown };
    if (typeof message === "string" && message !== "") return message;
    const details = error as Partial<GraphRequestErrorDetails>;
    if (
      typeof details.method === "string" &&
      typeof details.url === "string" &&
      typeof details.status === "number"
    ) {
      return formatGraphRequestError(details as GraphRequestErrorDetails);
    }
  }
  return String(error);
}
