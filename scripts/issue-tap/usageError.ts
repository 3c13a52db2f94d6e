/** Bad input on the command line or in the CSV: exit 2, before anything in the tenant changes. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
