/**
 * Tag instances: the runtime identity of an exception tag (exception
 * handling). A tag is an extern like a function or a memory: it is created by
 * a module or by the host, exported, imported and matched by type.
 * @see https://webassembly.github.io/exception-handling/core/exec/runtime.html#tag-instances
 * @module
 */
import { ExternKind, funcTypeText, type ExternType, type TagType } from "../base/types.js";

/**
 * A tag instance. Its type is a function type with no results (the payload's
 * value types are its parameters). Identity is the object: two tags of the same
 * type are different tags, and an exception thrown with one is not caught by
 * the other.
 */
export class TagInstance {
  readonly kind = ExternKind.Tag;
  constructor(readonly type: TagType) {
    if (type.type.results.length !== 0) {
      throw new TypeError(`a tag's type must have no results, got ${funcTypeText(type.type)}`);
    }
  }

  /** The extern type of this tag. */
  externType(): ExternType {
    return { kind: ExternKind.Tag, type: this.type };
  }
}
