/**
 * Decoding and validating a module in one pass over its function bodies:
 * the validator reads each body while the decoder is at it, instead of the
 * decoder scanning every body and the validator reading them all again.
 *
 * The verdict is the one of `decodeModule` then `validateModule`, message
 * and offset included: decode errors are thrown at once (anything malformed,
 * anywhere, wins over anything invalid), while the first body's validation
 * error is kept and thrown by {@link validateModule} at its place among the
 * module-level rules. The context is built when the code section begins:
 * every section it draws on comes before it, except the data section, which
 * matters only where the module is already refused otherwise (a data index
 * without a data count section is malformed; a data offset that holds
 * `ref.func` is invalid before any body is checked).
 * @module
 */
import { ValidationError } from "../base/errors.js";
import type { Features } from "../base/features.js";
import type { BodyScanner, ModuleBuilder } from "../decode/builder.js";
import type { CodeReader } from "../decode/code.js";
import { decodeModule } from "../decode/decoder.js";
import { scanInstrs } from "../decode/expr.js";
import type { LocalRun, Module } from "../decode/module.js";
import { buildContext } from "./context.js";
import { FunctionValidator } from "./function-body.js";
import type { ValidatedModule } from "./validated.js";
import { validateModule, type BodyVerdict } from "./validator.js";
import { warmUpValidatorOnce } from "./warmup.js";

/** Validates each body as the decoder reads it; remembers the first error. */
class FusedBodies implements BodyScanner {
  /** Null until the first body; then the validator, or false when the context could not be built. */
  private validator: FunctionValidator | null | false = null;
  private firstError: ValidationError | null = null;
  private bodies = 0;

  scanBody(r: CodeReader, m: ModuleBuilder, index: number, locals: readonly LocalRun[], localCount: number, bodyStart: number): void {
    this.bodies++;
    if (this.validator === null) this.validator = this.start(m);
    const typeIndex = m.funcs[index];
    if (this.validator === false || this.firstError !== null || typeIndex === undefined) {
      // Nothing (more) to check here: the decoder's own scan.
      scanInstrs(r, m, null);
      return;
    }
    this.firstError = this.validator.validateScanning(r, m.importedFuncs + index, typeIndex, { locals, localCount, bodyStart }, m);
  }

  /** The validator over the module as decoded so far, or false when its context is invalid (validateModule will say why). */
  private start(m: ModuleBuilder): FunctionValidator | false {
    try {
      return new FunctionValidator(buildContext(m));
    } catch (e) {
      if (e instanceof ValidationError) return false;
      throw e;
    }
  }

  /** The verdict on all bodies of `module`, or null when they were not all checked here. */
  verdict(module: Module): BodyVerdict | null {
    if (this.validator === null || this.validator === false || this.bodies !== module.codes.length) return null;
    return { error: this.firstError };
  }
}

/**
 * Decodes and validates a binary module (what instantiation takes): the same
 * module, and the same errors, as `validateModule(decodeModule(bytes, features))`,
 * with each function body read once rather than twice.
 */
export function decodeAndValidate(bytes: Uint8Array, features?: Features): ValidatedModule {
  warmUpValidatorOnce(decodeAndValidateNow);
  return decodeAndValidateNow(bytes, features);
}

/** {@link decodeAndValidate} without the warm-up (what the warm-up runs). */
function decodeAndValidateNow(bytes: Uint8Array, features?: Features): ValidatedModule {
  const fused = new FusedBodies();
  const module = decodeModule(bytes, features, fused);
  return validateModule(module, fused.verdict(module));
}
