// The module structure: what the binary decoder yields (the text parser encodes to binary and goes
// through the same decoder) and what the validator, compiler and runtime read.

/** Value types by their binary encoding. */
export const enum ValType {
  I32 = 0x7f, I64 = 0x7e, F32 = 0x7d, F64 = 0x7c, V128 = 0x7b,
  FuncRef = 0x70, ExternRef = 0x6f,
}
export type RefType = ValType.FuncRef | ValType.ExternRef;

export function isRefType(t: number): boolean { return t === ValType.FuncRef || t === ValType.ExternRef; }
export function isNumType(t: number): boolean { return t >= ValType.V128 && t <= ValType.I32; }
export function isValType(t: number): boolean { return isNumType(t) || isRefType(t); }

const valTypeNames: Record<number, string> = {
  [ValType.I32]: 'i32', [ValType.I64]: 'i64', [ValType.F32]: 'f32', [ValType.F64]: 'f64',
  [ValType.V128]: 'v128', [ValType.FuncRef]: 'funcref', [ValType.ExternRef]: 'externref',
};
export function valTypeName(t: number): string { return valTypeNames[t] ?? `0x${t.toString(16)}`; }
export function valTypeByName(n: string): ValType | undefined {
  for (const k in valTypeNames) if (valTypeNames[k] === n) return Number(k) as ValType;
  return undefined;
}

export interface FuncType { readonly params: readonly ValType[]; readonly results: readonly ValType[]; }
export interface Limits { min: number; max: number | null; shared: boolean; }
export interface TableType { elem: RefType; limits: Limits; }
export interface MemType { limits: Limits; }
export interface GlobalType { type: ValType; mutable: boolean; }

export const enum ExternKind { Func = 0, Table = 1, Memory = 2, Global = 3 }

export type ImportDesc =
  | { kind: ExternKind.Func; typeIndex: number }
  | { kind: ExternKind.Table; type: TableType }
  | { kind: ExternKind.Memory; type: MemType }
  | { kind: ExternKind.Global; type: GlobalType };

export interface Import { module: string; name: string; desc: ImportDesc; }
export interface Export { name: string; kind: ExternKind; index: number; }

/** A constant expression: its instruction bytes up to and including the final `end`. */
export interface ConstExpr { bytes: Uint8Array; /** byte offset of bytes[0] in the module */ offset: number; }

export interface Global { type: GlobalType; init: ConstExpr; }

export const enum SegmentMode { Active = 0, Passive = 1, Declarative = 2 }

export interface ElemSegment {
  mode: SegmentMode;
  table: number;                 // active only
  offset: ConstExpr | null;      // active only
  type: RefType;
  /** Either function indices (the compact encodings) or one constant expression per element. */
  funcs: number[] | null;
  exprs: ConstExpr[] | null;
}

export interface DataSegment {
  mode: SegmentMode.Active | SegmentMode.Passive;
  memory: number;
  offset: ConstExpr | null;
  bytes: Uint8Array;
}

export interface LocalRun { count: number; type: ValType; }

export interface FuncBody {
  /** Declared locals, run-length encoded as in the binary. */
  locals: LocalRun[];
  /** Total declared locals (not counting parameters). */
  localCount: number;
  /** Instruction bytes including the final `end`. */
  code: Uint8Array;
  /** Byte offset of code[0] in the module, for error messages and stack traces. */
  offset: number;
}

export interface CustomSection { name: string; bytes: Uint8Array; offset: number; }

export interface NameMap {
  module: string | null;
  funcs: Map<number, string>;
  locals: Map<number, Map<number, string>>;
}

export interface Module {
  types: FuncType[];
  imports: Import[];
  /** Type index of each function defined in the module (not imports). */
  funcs: number[];
  tables: TableType[];
  mems: MemType[];
  globals: Global[];
  exports: Export[];
  start: number | null;
  elems: ElemSegment[];
  datas: DataSegment[];
  /** Present when the module has a data count section. */
  dataCount: number | null;
  /** One body per defined function (parallel to `funcs`). */
  codes: FuncBody[];
  customs: CustomSection[];
  names: NameMap;
  /** Counts of imports per kind, so that index spaces are imports first. */
  importedFuncs: number;
  importedTables: number;
  importedMems: number;
  importedGlobals: number;
}

/** The type of function `index` in the module's function index space (imports first). */
export function funcTypeOf(m: Module, index: number): FuncType {
  if (index < m.importedFuncs) {
    let n = 0;
    for (const im of m.imports) {
      if (im.desc.kind === ExternKind.Func) { if (n === index) return m.types[im.desc.typeIndex]; n++; }
    }
  }
  return m.types[m.funcs[index - m.importedFuncs]];
}
