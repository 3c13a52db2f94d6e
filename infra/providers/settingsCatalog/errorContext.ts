/**
 * Prefixes a failure with what the provider was doing, keeping the error object itself (a
 * GraphRequestError keeps its status, code, message and request-id for callers and tests).
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
