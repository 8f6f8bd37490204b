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
  /**
   * A name for messages only (an uncaught exception names its tag): the host's
   * choice, or the field name under which the tag was first imported or
   * exported; null when it has none. Names never take part in matching or identity.
   */
  name: string | null = null;
  constructor(readonly type: TagType) {
    if (type.type.results.length !== 0) {
      throw new TypeError(`a tag's type must have no results, got ${funcTypeText(type.type)}`);
    }
  }

  /** The tag for messages: its name (when known) and type, e.g. `tag "e0" (param i32)`. */
  describe(): string {
    const type = funcTypeText(this.type.type).slice("(func".length, -1).trim();
    const name = this.name === null ? "tag" : `tag ${JSON.stringify(this.name)}`;
    return type ? `${name} ${type}` : name;
  }

  /** The extern type of this tag. */
  externType(): ExternType {
    return { kind: ExternKind.Tag, type: this.type };
  }
}
