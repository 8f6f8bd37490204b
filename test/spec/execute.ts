/**
 * Runs a script's commands against the engine, one at a time, each isolated:
 * whatever a command throws becomes that command's outcome. The engine is
 * used only through `impl/index.ts`.
 * @see https://github.com/WebAssembly/spec/tree/main/interpreter#scripts
 * @module
 */
import {
  DecodeError, FuncInstance, WasmException, GlobalInstance, LinkError, ModuleInstance, NativeRegistry, Store, Trap, ValidationError,
  WASM_2_0, buildImportList, decodeModule, instantiate, invoke, validateModule,
  type Extern, type Features, type Module, type ValidatedModule,
} from "../../impl/index.js";
import { AssembleError, type Assembler } from "./assemble.js";
import type { Action, Command, CommandKind, ModuleDef } from "./script.js";
import { spectest } from "./spectest.js";
import { matchesExpected, showActual, showExpected, type Expected } from "./values.js";

/** Why a command was not run; each is counted separately in the summary. */
export type SkipCategory =
  /** `assert_malformed` on a text or `module quote` module: it tests a text parser, not the engine. */
  | "text-malformed"
  /** `assert_invalid` whose text wabt cannot assemble: the engine never sees it. */
  | "wabt-invalid"
  /** Listed in `skips.json`. */
  | "skip-list";

/** Message check of an assertion that expects an error (done when the verdict is right). */
export interface MessageCheck {
  /** The assertion kind, with `assert_malformed` split by module form (`assert_malformed (binary)`). */
  readonly category: string;
  readonly expected: string;
  readonly actual: string;
  readonly matched: boolean;
}

/** The outcome of one command. */
export interface Outcome {
  readonly index: number;
  readonly line: number;
  readonly kind: CommandKind;
  readonly status: "pass" | "fail" | "skip";
  /** Why it failed or was skipped. */
  readonly detail?: string;
  readonly skip?: SkipCategory;
  readonly message?: MessageCheck;
  /** The stack of an unexpected exception (shown with --verbose). */
  readonly stack?: string;
}

type Result = Omit<Outcome, "index" | "line" | "kind">;

/** A module whose definition failed: commands that use it fail with a pointer to it. */
interface FailedModule {
  readonly failedAtLine: number;
}

/** What kind of failure each error class stands for. */
function verdictName(e: unknown): string {
  if (e instanceof DecodeError) return "malformed (DecodeError)";
  if (e instanceof ValidationError) return "invalid (ValidationError)";
  if (e instanceof LinkError) return "unlinkable (LinkError)";
  if (e instanceof Trap) return "trap (Trap)";
  if (e instanceof WasmException) return "uncaught exception (WasmException)";
  if (e instanceof AssembleError) return "wabt could not assemble the text";
  if (e instanceof RangeError && /call stack/i.test(e.message)) return "JS stack overflow escaped the engine (RangeError)";
  return `unexpected exception ${e instanceof Error ? e.name : typeof e}`;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The stack of an exception that no verdict accounts for. */
function stackOf(e: unknown): string | undefined {
  const isVerdict = e instanceof DecodeError || e instanceof ValidationError || e instanceof LinkError || e instanceof Trap ||
    e instanceof WasmException || e instanceof AssembleError;
  return !isVerdict && e instanceof Error ? e.stack : undefined;
}

function failWith(prefix: string, e: unknown): Result {
  const stack = stackOf(e);
  return { status: "fail", detail: `${prefix}: ${verdictName(e)}: ${messageOf(e)}`, ...(stack ? { stack } : {}) };
}

/** Runs the commands of one script; holds the script's store, registry and named modules. */
export class ScriptRunner {
  private readonly store: Store;
  /**
   * Import namespaces: the engine's native registry, with `spectest` as its
   * built-in module and every `register`ed instance bound live under its name.
   */
  private readonly registry: NativeRegistry;
  private readonly named = new Map<string, ModuleInstance | FailedModule>();
  /** Compiled modules by name (`module definition`, and every named module), for `module instance`. */
  private readonly definitions = new Map<string, ValidatedModule | FailedModule>();
  /** The last module defined (by any module form), for a `module instance` that names none. */
  private lastDefinition: ValidatedModule | FailedModule | null = null;
  private current: ModuleInstance | FailedModule | null = null;
  /** Every module instantiated so far, in order (tests read what the compiler tier made of them). */
  readonly modules: Module[] = [];

  /**
   * `features` are those the decoder accepts: exactly Wasm 2.0 unless told
   * otherwise (the 2.0 suite expects later features' encodings to be malformed).
   */
  constructor(private readonly assemble: Assembler, log: ((line: string) => void) | null = null,
    private readonly features: Features = WASM_2_0, tier: "interpreter" | "compiler" | "tiered" = "interpreter") {
    // Tiered: every frame moves to compiled code at its first loop iteration or call, so every
    // script exercises the moves (on-stack replacement included), not only the compiled code.
    this.store = new Store(tier === "tiered" ? { tier, tierUpEvents: 0, tierSlice: 1 } : { tier });
    this.registry = new NativeRegistry({ builtins: [spectest(log)] });
  }

  /** Runs one command; never throws. */
  run(cmd: Command, index: number): Outcome {
    let result: Result;
    try {
      result = this.dispatch(cmd);
    } catch (e) {
      result = failWith("runner error", e);
    }
    return { index, line: cmd.line, kind: cmd.kind, ...result };
  }

  private dispatch(cmd: Command): Result {
    switch (cmd.kind) {
      case "module": return this.defineModule(cmd.module, cmd.line);
      case "register": return this.register(cmd.as, cmd.module);
      case "module_instance": return this.instantiateDefinition(cmd.instance, cmd.definition, cmd.line);
      case "action": {
        const r = this.perform(cmd.action);
        return "error" in r ? failWith("action failed", r.error) : { status: "pass" };
      }
      case "assert_return": return this.assertReturn(cmd.action, cmd.expected);
      case "assert_trap": return this.assertActionTraps(cmd.action, cmd.message, "assert_trap");
      case "assert_exhaustion": return this.assertActionTraps(cmd.action, cmd.message, "assert_exhaustion");
      case "assert_exception": return this.assertException(cmd.action);
      case "assert_trap_module": return this.assertModuleFails(cmd.module, cmd.message, "assert_trap", Trap);
      case "assert_uninstantiable": return this.assertModuleFails(cmd.module, cmd.message, cmd.kind, Trap);
      case "assert_unlinkable": return this.assertModuleFails(cmd.module, cmd.message, cmd.kind, LinkError);
      case "assert_invalid": return this.assertModuleFails(cmd.module, cmd.message, cmd.kind, ValidationError);
      case "assert_malformed": return this.assertMalformed(cmd.module, cmd.message);
      case "unsupported": return { status: "fail", detail: `unsupported command ${cmd.head}: ${cmd.reason}` };
      default: {
        const never: never = cmd;
        return never;
      }
    }
  }

  /** The module's binary: assembled by wabt for text forms. */
  private bytesOf(def: ModuleDef): Uint8Array {
    return def.source.kind === "binary" ? def.source.bytes : this.assemble(def.source.bytes);
  }

  private compile(bytes: Uint8Array): ValidatedModule {
    return validateModule(decodeModule(bytes, this.features));
  }

  /**
   * Resolves imports by name from the registry (registered instances, then
   * `spectest`), giving the positional extern list; a name nobody provides is
   * "unknown import", a wrong type "incompatible import type".
   */
  private link(module: Module): Extern[] {
    return buildImportList(module, { registry: this.registry });
  }

  private defineModule(def: ModuleDef, line: number): Result {
    if (def.definitionOnly === true) return this.defineOnly(def, line);
    let instance: ModuleInstance | FailedModule;
    let result: Result;
    try {
      const module = this.compile(this.bytesOf(def));
      this.remember(def.name, module);
      instance = instantiate(this.store, module, this.link(module));
      this.modules.push(module);
      result = { status: "pass" };
    } catch (e) {
      instance = { failedAtLine: line };
      result = failWith("module definition failed", e);
    }
    this.bind(def.name, instance);
    return result;
  }

  /** `(module definition $M? ...)`: compiles the module and names it; nothing is instantiated. */
  private defineOnly(def: ModuleDef, line: number): Result {
    try {
      this.remember(def.name, this.compile(this.bytesOf(def)));
      return { status: "pass" };
    } catch (e) {
      this.remember(def.name, { failedAtLine: line });
      return failWith("module definition failed", e);
    }
  }

  private remember(name: string | null, module: ValidatedModule | FailedModule): void {
    this.lastDefinition = module;
    if (name !== null) this.definitions.set(name, module);
  }

  /** `(module instance $I? $M?)`: a new instance of definition `$M` (else the last one), bound as `$I` and current. */
  private instantiateDefinition(name: string | null, definition: string | null, line: number): Result {
    const module = definition === null ? this.lastDefinition : this.definitions.get(definition);
    if (module === null || module === undefined) {
      this.bind(name, { failedAtLine: line });
      return { status: "fail", detail: `module instance failed: ${definition === null ? "no module defined yet" : `no module defined as ${definition}`}` };
    }
    if ("failedAtLine" in module) {
      this.bind(name, { failedAtLine: line });
      return { status: "fail", detail: `module instance failed: the module defined at line ${module.failedAtLine} failed` };
    }
    try {
      const instance = instantiate(this.store, module, this.link(module));
      this.modules.push(module);
      this.bind(name, instance);
      return { status: "pass" };
    } catch (e) {
      this.bind(name, { failedAtLine: line });
      return failWith("module instance failed", e);
    }
  }

  private bind(name: string | null, instance: ModuleInstance | FailedModule): void {
    this.current = instance;
    if (name !== null) this.named.set(name, instance);
  }

  /** The instance a command names (or the current one), or why there is none. */
  private instanceFor(name: string | null): ModuleInstance | string {
    const inst = name === null ? this.current : this.named.get(name);
    if (inst === null || inst === undefined) return name === null ? "no module defined yet" : `no module named ${name}`;
    if (!(inst instanceof ModuleInstance)) return `the module defined at line ${inst.failedAtLine} failed`;
    return inst;
  }

  private register(as: string, name: string | null): Result {
    const inst = this.instanceFor(name);
    if (typeof inst === "string") return { status: "fail", detail: `register failed: ${inst}` };
    // As in the reference interpreter, a name registered again is replaced as a
    // whole; the live instance is bound, never a copy of its exports.
    this.registry.removeModule(as);
    this.registry.defineInstance(as, inst);
    return { status: "pass" };
  }

  /** Performs an action: its results, or what it threw. */
  private perform(action: Action): { results: unknown[] } | { error: unknown } {
    const inst = this.instanceFor(action.module);
    if (typeof inst === "string") return { error: new Error(inst) };
    const ext = inst.export(action.name);
    try {
      if (action.kind === "get") {
        if (!(ext instanceof GlobalInstance)) return { error: new Error(`no global exported as ${JSON.stringify(action.name)}`) };
        return { results: [ext.get()] };
      }
      if (!(ext instanceof FuncInstance)) return { error: new Error(`no function exported as ${JSON.stringify(action.name)}`) };
      const results = invoke(ext, [...action.args]);
      if (!Array.isArray(results)) return { error: new Error(`invoke returned ${showActual(results)}, not an array`) };
      return { results };
    } catch (e) {
      return { error: e };
    }
  }

  private assertReturn(action: Action, expected: readonly Expected[]): Result {
    const r = this.perform(action);
    if ("error" in r) return failWith(`${action.name} did not return`, r.error);
    const bad: string[] = [];
    if (r.results.length !== expected.length) {
      bad.push(`${r.results.length} results, expected ${expected.length}`);
    } else {
      expected.forEach((e, i) => {
        if (!matchesExpected(e, r.results[i])) bad.push(`result ${i}: expected ${showExpected(e)}, got ${showActual(r.results[i])}`);
      });
    }
    return bad.length ? { status: "fail", detail: `${action.name}: ${bad.join("; ")}` } : { status: "pass" };
  }

  private assertActionTraps(action: Action, message: string, category: string): Result {
    const r = this.perform(action);
    if (!("error" in r)) return { status: "fail", detail: `expected a trap "${message}", but ${action.name} returned ${r.results.map(showActual).join(", ") || "nothing"}` };
    return this.judge(r.error, Trap, message, category);
  }

  /** `assert_exception`: the action must throw a wasm exception that nothing caught (a trap does not count). */
  private assertException(action: Action): Result {
    const r = this.perform(action);
    if (!("error" in r)) return { status: "fail", detail: `expected an exception, but ${action.name} returned ${r.results.map(showActual).join(", ") || "nothing"}` };
    if (!(r.error instanceof WasmException)) return failWith("expected an uncaught exception", r.error);
    return { status: "pass" };
  }

  /** Passes when `error` is of the expected class; records whether its message has the expected text. */
  private judge(error: unknown, expectedClass: abstract new (...args: never[]) => Error, message: string, category: string): Result {
    if (!(error instanceof expectedClass)) return failWith(`expected ${category} "${message}"`, error);
    const actual = messageOf(error);
    return { status: "pass", message: { category, expected: message, actual, matched: actual.includes(message) } };
  }

  /**
   * `assert_invalid`, `assert_unlinkable`, `assert_uninstantiable` and
   * `assert_trap` on a module: every stage before the expected one must pass,
   * the expected one must throw `expectedClass`.
   */
  private assertModuleFails(def: ModuleDef, message: string, category: string,
    expectedClass: typeof ValidationError | typeof LinkError | typeof Trap): Result {
    let bytes: Uint8Array;
    try {
      bytes = this.bytesOf(def);
    } catch (e) {
      if (e instanceof AssembleError && expectedClass === ValidationError) {
        return { status: "skip", skip: "wabt-invalid", detail: `wabt cannot assemble it: ${e.message}` };
      }
      return failWith(`expected ${category} "${message}"`, e);
    }
    try {
      const module = this.compile(bytes);
      if (expectedClass === ValidationError) return { status: "fail", detail: `expected invalid "${message}", but the module validated` };
      const externs = this.link(module);
      const instance = instantiate(this.store, module, externs);
      // A module that links and instantiates anyway still becomes reachable by its name.
      if (def.name !== null) this.named.set(def.name, instance);
      return { status: "fail", detail: `expected ${category} "${message}", but the module instantiated` };
    } catch (e) {
      return this.judge(e, expectedClass, message, category);
    }
  }

  private assertMalformed(def: ModuleDef, message: string): Result {
    if (def.source.kind !== "binary") {
      return {
        status: "skip", skip: "text-malformed",
        detail: `assert_malformed on a ${def.source.kind === "quote" ? "module quote" : "text module"} tests a text parser, not the engine`,
      };
    }
    try {
      this.compile(def.source.bytes);
      return { status: "fail", detail: `expected malformed "${message}", but the module decoded and validated` };
    } catch (e) {
      return this.judge(e, DecodeError, message, "assert_malformed (binary)");
    }
  }
}
