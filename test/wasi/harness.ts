/**
 * Runs the WASI programs of `test/wasi/programs/` the same way on two
 * runtimes, our engine and `node:wasi`, each in its own fresh directory tree,
 * and captures what can be compared byte for byte: stdout, stderr, the exit
 * status and a snapshot of the preopened directory afterwards.
 *
 * The layout of one run, under a new temporary directory:
 * - `sandbox/`: the preopen, seen by the program as {@link GUEST_ROOT};
 * - `outside/`: a sibling the program must not reach (escape attempts aim at it);
 * - `io/stdin`, `io/stdout`, `io/stderr`: the standard streams as host files
 *   (both runtimes get the same kind of stream: a host file).
 * @module
 */
import { closeSync, existsSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { WASI } from "node:wasi";
import {
  attachWasi, compileModule, DIR_PERMS_READ, DIR_PERMS_WRITE, FILE_PERMS_READ, FILE_PERMS_WRITE, FuncInstance,
  instantiateFrom, invoke, NativeRegistry, ProcExit, Store, WasiContext, wasiPreview1,
} from "../../impl/index.js";

/** The little of V8's own WebAssembly API this file uses (the Node typings do not declare it). */
interface V8WebAssembly {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: object): Promise<object>;
}
const V8Wasm = (globalThis as unknown as { WebAssembly: V8WebAssembly }).WebAssembly;

/** Where the preopen appears inside the program. */
export const GUEST_ROOT = "/sandbox";

/** The source folder of the programs and their committed `.wasm` (this file is `dist/test/wasi/harness.js`). */
export const PROGRAMS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "test", "wasi", "programs");

/** One entry of an initial tree: a file with its bytes, an empty directory, or a symbolic link and its target. */
export type TreeEntry =
  | { readonly path: string; readonly file: string | Uint8Array }
  | { readonly path: string; readonly dir: true }
  | { readonly path: string; readonly symlink: string };

/** What one program run gets: its arguments (after the program name), environment, stdin and initial trees. */
export interface ProgramCase {
  /** The program, `test/wasi/programs/<program>.wasm`. */
  readonly program: string;
  readonly args?: readonly string[];
  readonly env?: readonly (readonly [string, string])[];
  readonly stdin?: string | Uint8Array;
  /** The preopen's initial contents. */
  readonly sandbox?: readonly TreeEntry[];
  /** The contents of the sibling directory outside the preopen. */
  readonly outside?: readonly TreeEntry[];
}

/** One entry of a directory snapshot, in path order. */
export interface SnapshotEntry {
  readonly path: string;
  readonly kind: "dir" | "file" | "symlink" | "other";
  /** A file's bytes (hex, so a failed comparison shows where). */
  readonly content?: string;
  /** A symbolic link's target, as stored. */
  readonly target?: string;
}

/** What a run produced. */
export interface RunResult {
  readonly stdout: Buffer;
  readonly stderr: Buffer;
  /** The exit status: `_start` returning is 0, `proc_exit(n)` is n. */
  readonly status: number;
  /** The preopen after the run. */
  readonly sandbox: SnapshotEntry[];
  /** The outside directory after the run. */
  readonly outside: SnapshotEntry[];
}

/** The host paths of one run's tree. */
export interface Layout {
  readonly root: string;
  readonly sandbox: string;
  readonly outside: string;
  readonly stdin: string;
  readonly stdout: string;
  readonly stderr: string;
}

/** The program's committed bytes; throws (so a test fails, never skips) when the `.wasm` is missing. */
export function programBytes(program: string): Uint8Array {
  const file = join(PROGRAMS_DIR, `${program}.wasm`);
  if (!existsSync(file)) throw new Error(`missing ${file}: run test/wasi/programs/build.sh and commit the .wasm`);
  return new Uint8Array(readFileSync(file));
}

function writeTree(dir: string, entries: readonly TreeEntry[]): void {
  for (const e of entries) {
    const p = join(dir, e.path);
    mkdirSync(dirname(p), { recursive: true });
    if ("file" in e) writeFileSync(p, e.file);
    else if ("dir" in e) mkdirSync(p, { recursive: true });
    else symlinkSync(e.symlink, p);
  }
}

/** Makes a new temporary tree for one run of `c`. */
export function makeLayout(c: ProgramCase): Layout {
  const root = mkdtempSync(join(tmpdir(), `wasi-${c.program}-`));
  const l: Layout = {
    root,
    sandbox: join(root, "sandbox"),
    outside: join(root, "outside"),
    stdin: join(root, "io", "stdin"),
    stdout: join(root, "io", "stdout"),
    stderr: join(root, "io", "stderr"),
  };
  mkdirSync(l.sandbox, { recursive: true });
  mkdirSync(l.outside, { recursive: true });
  mkdirSync(dirname(l.stdin), { recursive: true });
  writeTree(l.sandbox, c.sandbox ?? []);
  writeTree(l.outside, c.outside ?? []);
  writeFileSync(l.stdin, c.stdin ?? "");
  return l;
}

/** Every entry under `dir`, sorted by path, with file bytes and link targets; links are never followed. */
export function snapshot(dir: string): SnapshotEntry[] {
  const out: SnapshotEntry[] = [];
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const path = rel ? `${rel}/${name}` : name;
      const full = join(dir, path);
      const st = lstatSync(full);
      if (st.isSymbolicLink()) out.push({ path, kind: "symlink", target: readlinkSync(full) });
      else if (st.isDirectory()) {
        out.push({ path, kind: "dir" });
        walk(path);
      } else if (st.isFile()) out.push({ path, kind: "file", content: readFileSync(full).toString("hex") });
      else out.push({ path, kind: "other" });
    }
  };
  walk("");
  return out;
}

/** Removes a run's tree when the run failed before {@link collect}, then rethrows. */
function discard(l: Layout, e: unknown): never {
  rmSync(l.root, { recursive: true, force: true });
  throw e;
}

/** Reads what a run left behind, then removes its tree. */
export function collect(l: Layout, status: number): RunResult {
  const result: RunResult = {
    stdout: readFileSync(l.stdout),
    stderr: readFileSync(l.stderr),
    status,
    sandbox: snapshot(l.sandbox),
    outside: snapshot(l.outside),
  };
  rmSync(l.root, { recursive: true, force: true });
  return result;
}

/** `argv` as the program sees it: its name, then the case's arguments. */
export function argvOf(c: ProgramCase): string[] {
  return [c.program, ...(c.args ?? [])];
}

/**
 * Runs `c` on `node:wasi` (preview1, `returnOnExit`), its standard streams
 * redirected to the layout's files through the stdin/stdout/stderr options.
 */
export async function runOnNode(c: ProgramCase): Promise<RunResult> {
  const bytes = programBytes(c.program);
  const l = makeLayout(c);
  const fds = [openSync(l.stdin, "r"), openSync(l.stdout, "w"), openSync(l.stderr, "w")] as const;
  let status: number;
  try {
    const wasi = new WASI({
      version: "preview1",
      args: argvOf(c),
      env: Object.fromEntries(c.env ?? []),
      preopens: { [GUEST_ROOT]: l.sandbox },
      stdin: fds[0],
      stdout: fds[1],
      stderr: fds[2],
      returnOnExit: true,
    });
    const module = await V8Wasm.compile(bytes);
    const instance = await V8Wasm.instantiate(module, wasi.getImportObject());
    status = wasi.start(instance);
  } catch (e) {
    discard(l, e);
  } finally {
    for (const fd of fds) closeSync(fd);
  }
  return collect(l, status);
}

/**
 * Runs `c` on our engine at the impl level: a store with a WASI context
 * attached, the registry's `wasi_snapshot_preview1` built-in serving the
 * imports, `_start` invoked; `ProcExit` carries the status. The standard
 * streams are the layout's host files, as for `node:wasi` (`"files"`), or
 * bytes in and captures out (`"memory"`).
 */
export function runOnOurs(c: ProgramCase, streams: "files" | "memory" = "files"): RunResult {
  const module = compileModule(programBytes(c.program));
  const l = makeLayout(c);
  // "memory": stdin from bytes and stdout/stderr captured, as an embedder may do;
  // the captured bytes are written to the layout's files afterwards, so the result reads the same.
  const out: Uint8Array[] = [], err: Uint8Array[] = [];
  const memory = streams === "memory";
  const ctx = new WasiContext({
    args: argvOf(c),
    env: c.env ?? [],
    stdin: memory ? { kind: "bytes", bytes: new Uint8Array(readFileSync(l.stdin)) } : { kind: "file", path: l.stdin },
    stdout: memory ? { kind: "capture", write: (b) => out.push(b.slice()) } : { kind: "file", path: l.stdout },
    stderr: memory ? { kind: "capture", write: (b) => err.push(b.slice()) } : { kind: "file", path: l.stderr },
    preopens: [{
      hostPath: l.sandbox, guestPath: GUEST_ROOT,
      dirPerms: DIR_PERMS_READ | DIR_PERMS_WRITE, filePerms: FILE_PERMS_READ | FILE_PERMS_WRITE,
    }],
  });
  let status: number;
  try {
    const store = new Store();
    attachWasi(store, ctx);
    const instance = instantiateFrom(store, module, { registry: new NativeRegistry({ builtins: [wasiPreview1()] }) });
    const start = instance.export("_start");
    if (!(start instanceof FuncInstance)) throw new Error(`${c.program}: no _start export`);
    try {
      invoke(start, []);
      status = 0;
    } catch (e) {
      if (!(e instanceof ProcExit)) throw e;
      status = e.status;
    }
  } catch (e) {
    discard(l, e);
  } finally {
    ctx.close();
  }
  if (memory) {
    writeFileSync(l.stdout, Buffer.concat(out));
    writeFileSync(l.stderr, Buffer.concat(err));
  }
  return collect(l, status);
}
