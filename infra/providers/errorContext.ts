/**
 * Prefixes a failure with what the provider was doing and rethrows the same error object, so a
 * GraphRequestError keeps its status, code, message and request-id for callers and tests.
 */
export async function withContext<T>(action: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof Error) {
      error.message = `${action}: ${error.message}`;
      throw error;
    }
    throw new Error(`${action}: ${String(error)}`, { cause: error });
  }
}
