import test from "ava";
import { decodeModule } from "../../../impl/decode/decoder.js";
import { parseNameSection } from "../../../impl/decode/names.js";
import { wat } from "../../helpers/wat.js";
import { mod, section, str, u32, vec } from "./binary.js";

test("the name section gives module, function and local names", async (t) => {
  const m = decodeModule(await wat(`(module $mod
    (import "m" "f" (func $imported))
    (func $add (param $a i32) (param $b i32) (result i32) (local $tmp i32) (i32.add (local.get 0) (local.get 1))))`));
  t.not(m.names, null);
  t.is(m.names!.moduleName, "mod");
  t.is(m.names!.funcNames.get(0), "imported");
  t.is(m.names!.funcNames.get(1), "add");
  t.deepEqual([...m.names!.localNames.get(1)!], [[0, "a"], [1, "b"], [2, "tmp"]]);
  t.true(m.customs.some((c) => c.name === "name"), "the section is kept as a custom section too");
});

test("a malformed name section is ignored, not fatal", (t) => {
  const truncated = [0x01, ...u32(5), ...u32(1), 0x00, 0x05, 0x61];
  const m = decodeModule(mod(section(0, [...str("name"), ...truncated])));
  t.is(m.names, null);
  t.is(m.customs.length, 1);
});

test("subsections out of order make the name section malformed", (t) => {
  const funcs = [0x01, ...u32(4), ...vec([[0x00, ...str("f")]])];
  const modName = [0x00, ...u32(2), ...str("m")];
  t.is(parseNameSection(new Uint8Array([...funcs, ...modName])), null);
  t.deepEqual(parseNameSection(new Uint8Array([...modName, ...funcs]))?.moduleName, "m");
});

test("unknown name subsections are skipped", (t) => {
  const names = parseNameSection(new Uint8Array([0x07, 0x02, 0xaa, 0xbb, 0x01, ...u32(4), ...vec([[0x03, ...str("g")]])]));
  t.is(names?.funcNames.get(3), "g");
});
