import test from "ava";
import { wat } from "../helpers/wat.js";

test("wabt turns module text into a binary with the wasm magic", async (t) => {
  const bytes = await wat("(module (func (export \"f\") (result i32) i32.const 1))");
  t.deepEqual([...bytes.subarray(0, 4)], [0x00, 0x61, 0x73, 0x6d]);
});
