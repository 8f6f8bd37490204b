/**
 * The errors of loading linking: a module nobody provides, a cycle of
 * imports, and a module that fails on the way, each with the chain of
 * modules that led to it.
 * @module
 */
import { DecodeError, LinkError, ValidationError } from "../link/api.js";

/** What went wrong while loading. */
export type LoadErrorReason =
  | "unknown module"
  | "module cycle"
  | "module failed to compile"
  | "module failed to link"
  | "module failed to instantiate";

/** The chain as text: `c -> b -> a`. */
export function chainText(chain: readonly string[]): string {
  return chain.join(" -> ");
}

/**
 * A failure of loading linking. It is a {@link LinkError} (the module could
 * not be linked), whose {@link LoadError.chain} lists the modules being
 * loaded when it happened, from the root to the one concerned: for
 * `c -> b -> a`, C imports from B, which imports from A, and A is the module
 * that is missing, that closes a cycle, or that failed.
 */
export class LoadError extends LinkError {
  override name = "LoadError";
  /** The modules being loaded, root first, ending with {@link LinkError.moduleName}. */
  readonly chain: readonly string[];
  /** The module that imports {@link LinkError.moduleName}, or null for the root. */
  readonly importer: string | null;

  /** Prefer the factories ({@link LoadError.unknownModule}, {@link LoadError.cycle}, {@link LoadError.failed}), which word the message. */
  constructor(reason: LoadErrorReason, chain: readonly string[], importIndex: number, fieldName: string,
    message: string, cause?: unknown) {
    super(reason, importIndex, chain[chain.length - 1]!, fieldName);
    this.chain = [...chain];
    this.importer = chain.length > 1 ? chain[chain.length - 2]! : null;
    this.message = message;
    if (cause !== undefined) this.cause = cause;
  }

  /**
   * No source has the module at the end of `chain`. `import` is the
   * importer's import that named it (null for the root); `searched` says
   * where the loader looked.
   */
  static unknownModule(chain: readonly string[], imp: { index: number; name: string } | null, searched: readonly string[]): LoadError {
    const name = chain[chain.length - 1]!;
    const importer = chain.length > 1 ? chain[chain.length - 2]! : null;
    const by = importer === null ? "" : ` imported by ${JSON.stringify(importer)}`
      + (imp ? ` (import ${imp.index}, ${JSON.stringify(name)} ${JSON.stringify(imp.name)})` : "");
    const notes = [chain.length > 1 ? `loading ${chainText(chain)}` : "", `looked in: ${searched.join(", ")}`].filter(Boolean);
    return new LoadError("unknown module", chain, imp?.index ?? -1, imp?.name ?? "",
      `unknown module ${JSON.stringify(name)}${by} [${notes.join("; ")}]`);
  }

  /** The module at the end of `chain` is already being loaded earlier in it. */
  static cycle(chain: readonly string[]): LoadError {
    const name = chain[chain.length - 1]!;
    const cycle = chain.slice(chain.indexOf(name));
    const whole = cycle.length < chain.length ? ` [loading ${chainText(chain)}]` : "";
    return new LoadError("module cycle", chain, -1, "", `module cycle: ${chainText(cycle)}${whole}`);
  }

  /**
   * The module at the end of `chain` failed: `cause` is the engine's error
   * (decode, validation, link error or trap). Its message follows the chain.
   */
  static failed(chain: readonly string[], cause: unknown): LoadError {
    const name = chain[chain.length - 1]!;
    const importer = chain.length > 1 ? chain[chain.length - 2]! : null;
    const reason: LoadErrorReason = cause instanceof DecodeError || cause instanceof ValidationError ? "module failed to compile"
      : cause instanceof LinkError ? "module failed to link" : "module failed to instantiate";
    const by = importer === null ? "" : ` imported by ${JSON.stringify(importer)}`;
    const what = cause instanceof Error ? cause.message : String(cause);
    return new LoadError(reason, chain, -1, "",
      `${reason.replace("module", `module ${JSON.stringify(name)}${by}`)} [loading ${chainText(chain)}]: ${what}`, cause);
  }
}
