// The command form of a .wast script, as parseWast yields it and the spec runner consumes it.

/** A constant in an action's arguments or an assertion's expected results. Numbers are raw bits. */
export type WastValue =
  | { type: 'i32'; value: number }                 // int32
  | { type: 'i64'; value: bigint }                 // signed 64-bit
  | { type: 'f32'; bits: number }                  // uint32 bit pattern
  | { type: 'f64'; bits: bigint }                  // uint64 bit pattern
  | { type: 'v128'; bytes: Uint8Array }            // 16 bytes, little-endian
  /** (ref.null T): kind is T as written ('func', 'extern', 'any', …; 'funcref'/'externref' normalised to 'func'/'extern'). */
  | { type: 'ref.null'; kind: string }
  /** (ref.extern N) with N; (ref.host N) is the same. */
  | { type: 'ref.extern'; value: number }
  /** Expected only: (ref.func), (ref.extern) with no index, (ref.any), (ref.struct)… : any non-null reference of that kind. */
  | { type: 'ref.any-of'; kind: string };

/** An expected result: a value, a NaN pattern, a vector with per-lane patterns, or alternatives. */
export type WastExpected =
  | WastValue
  | { type: 'f32' | 'f64'; nan: 'canonical' | 'arithmetic' }
  | { type: 'v128-lanes'; shape: string; lanes: WastExpected[] }
  | { type: 'either'; options: WastExpected[] };

/** How a module was given in the script. */
export type WastModuleSource =
  /** (module $id? ...fields): text is the whole s-expression as written, starting with "(module". */
  | { kind: 'text'; text: string }
  /** (module $id? binary "..."*): the concatenated bytes. */
  | { kind: 'binary'; bytes: Uint8Array }
  /** (module $id? quote "..."*): the concatenated strings (module fields, or a whole "(module …)"). */
  | { kind: 'quote'; text: string };

export type WastAction =
  | { type: 'invoke'; module: string | null; field: string; args: WastValue[] }
  | { type: 'get'; module: string | null; field: string };

export type WastCommand = { line: number } & (
  | { type: 'module'; name: string | null; module: WastModuleSource; /** (module definition …) in 3.0 */ definition: boolean }
  /** (module instance $i $m) in 3.0 */
  | { type: 'module-instance'; instance: string | null; module: string | null }
  | { type: 'register'; as: string; name: string | null }
  | { type: 'action'; action: WastAction }
  | { type: 'assert_return'; action: WastAction; expected: WastExpected[] }
  | { type: 'assert_trap'; action: WastAction; text: string }
  /** assert_trap with a module: instantiation must trap (in 2.0, e.g. an out-of-bounds segment). */
  | { type: 'assert_trap_module'; module: WastModuleSource; text: string }
  | { type: 'assert_exhaustion'; action: WastAction; text: string }
  | { type: 'assert_malformed'; module: WastModuleSource; text: string }
  | { type: 'assert_invalid'; module: WastModuleSource; text: string }
  | { type: 'assert_unlinkable'; module: WastModuleSource; text: string }
  | { type: 'assert_uninstantiable'; module: WastModuleSource; text: string }
  /** assert_exception (exception-handling proposal) and anything else the parser knows but 2.0 lacks. */
  | { type: 'assert_exception'; action: WastAction }
  | { type: 'unsupported'; keyword: string; text: string }
);
