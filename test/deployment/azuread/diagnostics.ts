/**
 * Terraform diagnostics and how the Pulumi bridge renders them. A provider function returns
 * `diag.Diagnostics` (summary, detail, attribute path with TF names); the bridge turns each error
 * into a `ValidationError` rendered `[<path>] <summary>: <detail>` and joins them in a
 * go-multierror (`1 error occurred:\n\t* ...\n\n`)
 * (pulumi-terraform-bridge pkg/tfshim/sdk-v2/provider2.go:564-582, pkg/tfshim/diagnostics/error.go:25-50 @26e62205;
 * hashicorp/go-multierror format.go ListFormatFunc).
 */

/** A step of a Terraform attribute path: an attribute name or a list index. */
export type PathStep = string | number;

export interface Diagnostic {
  summary: string;
  detail?: string;
  /** Terraform attribute path, e.g. `["conditions", 0, "client_app_types", 0]`. */
  path?: readonly PathStep[];
}

/** `ValidationError.Error()`: `[a.b[0].c] summary: detail`. */
export function renderDiagnostic(diagnostic: Diagnostic): string {
  let prefix = "";
  if (diagnostic.path && diagnostic.path.length > 0) {
    const parts = diagnostic.path.map((step, i) =>
      typeof step === "number" ? `[${step}]` : i > 0 ? `.${step}` : step,
    );
    prefix = `[${parts.join("")}] `;
  }
  return diagnostic.detail
    ? `${prefix}${diagnostic.summary}: ${diagnostic.detail}`
    : `${prefix}${diagnostic.summary}`;
}

/** go-multierror's default list format. */
export function multiError(messages: readonly string[]): string {
  if (messages.length === 1) return `1 error occurred:\n\t* ${messages[0]}\n\n`;
  return `${messages.length} errors occurred:\n\t${messages.map((m) => `* ${m}`).join("\n\t")}\n\n`;
}

/** A provider function failed with these diagnostics; the message is the bridge's rendering. */
export class DiagnosticsError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(multiError(diagnostics.map(renderDiagnostic)));
    this.name = "DiagnosticsError";
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * `tf.ErrorDiagPathF(err, attr, summary)` / `tf.ErrorDiagF(err, summary)`: the summary, the error
 * as detail, the attribute as path (terraform-provider-azuread internal/helpers/tf/errors.go @38d1993a).
 */
export function errorDiag(error: unknown, summary: string, attribute?: string): DiagnosticsError {
  return new DiagnosticsError([
    {
      summary,
      detail: error === undefined ? undefined : message(error),
      path: attribute ? [attribute] : undefined,
    },
  ]);
}

/** A plain Go error returned where the SDK expects diagnostics (e.g. from CustomizeDiff): summary only. */
export function plainDiag(text: string): DiagnosticsError {
  return new DiagnosticsError([{ summary: text }]);
}
