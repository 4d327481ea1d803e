// .wast scripts to commands (`parseWast`): modules (text, binary, quote), registrations, actions and
// assertions with their expected values. Commands the 2.0 suite does not use become 'unsupported'.
import { CompileError } from '../errors.js';
import { lex } from './lexer.js';
import { Cursor } from './cursor.js';
import { RangeFail, parseI32, parseI64, parseIntN, utf8ToString } from './literals.js';
import { SHAPES, writeLane } from './v128-literal.js';
import { parseF32, parseF64 } from './float-literal.js';
import type { WastAction, WastCommand, WastExpected, WastModuleSource, WastValue } from './wast-types.js';

const lossy = new TextDecoder('utf-8', { ignoreBOM: true });

const MODULE_FIELDS = new Set(['type', 'import', 'func', 'table', 'memory', 'global', 'export', 'start', 'elem', 'data']);

type Body = WastCommand extends infer C ? C extends { line: number } ? Omit<C, 'line'> : never : never;

export function parseWast(text: string): WastCommand[] {
  const c = new Cursor(lex(text));
  const out: WastCommand[] = [];
  let line = 1, pos = 0;
  while (c.i < c.eof) {
    const at = c.i;
    const s = c.start[at];
    for (; pos < s; pos++) if (text.charCodeAt(pos) === 10) line++;
    if (!c.isLParen()) c.unexpected();
    if (!c.isAtom(at + 1)) {
      // Not a command form this parser knows (e.g. an annotation): skip it.
      c.skip();
      out.push({ line, type: 'unsupported', keyword: '', text: text.slice(s, c.end[c.i - 1]) });
      continue;
    }
    const keyword = c.text(at + 1);
    if (out.length === 0 && MODULE_FIELDS.has(keyword)) {
      // A script made only of module fields is one module.
      while (c.i < c.eof) c.skip();
      out.push({ line, type: 'module', name: null, module: { kind: 'text', text: `(module ${text.slice(s)}\n)` }, definition: false });
      break;
    }
    let cmd: Body;
    try {
      cmd = command(c, keyword);
    } catch (e) {
      if (!(e instanceof CompileError)) throw e;
      c.i = at;
      c.skip();
      cmd = { type: 'unsupported', keyword, text: text.slice(s, c.end[c.i - 1]) };
    }
    out.push({ line, ...cmd } as WastCommand);
  }
  return out;
}

function command(c: Cursor, keyword: string): Body {
  const at = c.i;
  switch (keyword) {
    case 'module': {
      const r = moduleCmd(c);
      return r;
    }
    case 'register': {
      c.i += 2;
      const as = str(c);
      const name = c.optId();
      c.rparen();
      return { type: 'register', as, name };
    }
    case 'invoke': case 'get':
      return { type: 'action', action: action(c) };
    case 'assert_return': {
      c.i += 2;
      const act = action(c);
      const expected: WastExpected[] = [];
      while (c.isLParen()) expected.push(expectedValue(c));
      c.rparen();
      return { type: 'assert_return', action: act, expected };
    }
    case 'assert_trap': {
      c.i += 2;
      if (c.isOpen('module')) {
        const module = moduleSource(c).module;
        const t = str(c);
        c.rparen();
        return { type: 'assert_trap_module', module, text: t };
      }
      const act = action(c);
      const t = str(c);
      c.rparen();
      return { type: 'assert_trap', action: act, text: t };
    }
    case 'assert_exhaustion': {
      c.i += 2;
      const act = action(c);
      const t = str(c);
      c.rparen();
      return { type: 'assert_exhaustion', action: act, text: t };
    }
    case 'assert_malformed': case 'assert_invalid': case 'assert_unlinkable': case 'assert_uninstantiable': {
      c.i += 2;
      const module = moduleSource(c).module;
      const t = str(c);
      c.rparen();
      return { type: keyword, module, text: t };
    }
    case 'assert_exception': {
      c.i += 2;
      const act = action(c);
      c.rparen();
      return { type: 'assert_exception', action: act };
    }
  }
  c.i = at;
  c.skip();
  return { type: 'unsupported', keyword, text: c.src.slice(c.start[at], c.end[c.i - 1]) };
}

function moduleCmd(c: Cursor): Body {
  if (c.isKw('instance', c.i + 2)) {
    c.i += 3;
    const instance = c.optId();
    const module = c.optId();
    c.rparen();
    return { type: 'module-instance', instance, module };
  }
  const { name, module, definition } = moduleSource(c);
  return { type: 'module', name, module, definition };
}

/** `(module definition? $id? …)` in any of its three forms. */
function moduleSource(c: Cursor): { name: string | null; module: WastModuleSource; definition: boolean } {
  const begin = c.i;
  c.lparen(); c.kw('module');
  let definition = false;
  if (c.isKw('definition')) { definition = true; c.i++; }
  const name = c.optId();
  if (c.isKw('binary')) {
    c.i++;
    const bytes = c.strings();
    c.rparen();
    return { name, module: { kind: 'binary', bytes }, definition };
  }
  if (c.isKw('quote')) {
    c.i++;
    const bytes = c.strings();
    c.rparen();
    return { name, module: { kind: 'quote', text: lossy.decode(bytes) }, definition };
  }
  c.i = begin;
  c.skip();
  let text = c.src.slice(c.start[begin], c.end[c.i - 1]);
  if (definition) text = text.replace(/^\(module\s+definition/, '(module');
  return { name, module: { kind: 'text', text }, definition };
}

function str(c: Cursor): string {
  const b = c.bytes();
  return utf8ToString(b) ?? lossy.decode(b);
}

function action(c: Cursor): WastAction {
  c.lparen();
  if (c.isKw('invoke')) {
    c.i++;
    const module = c.optId();
    const field = str(c);
    const args: WastValue[] = [];
    while (c.isLParen()) args.push(constValue(c));
    c.rparen();
    return { type: 'invoke', module, field, args };
  }
  if (c.isKw('get')) {
    c.i++;
    const module = c.optId();
    const field = str(c);
    c.rparen();
    return { type: 'get', module, field };
  }
  c.unexpected();
}

/** A number literal via `parse`, with range errors as malformed. */
function num<T>(c: Cursor, parse: (t: string) => T | null): T {
  if (c.isAtom()) {
    let v: T | null;
    try { v = parse(c.text()); } catch (e) { if (e instanceof RangeFail) c.fail(e.reason); throw e; }
    if (v !== null) { c.i++; return v; }
  }
  c.unexpected();
}

function refKind(k: string): string {
  return k === 'funcref' ? 'func' : k === 'externref' ? 'extern' : k;
}

/** An argument constant. */
function constValue(c: Cursor): WastValue {
  const r = expectedValue(c, false);
  return r as WastValue;
}

function nanPattern(c: Cursor): 'canonical' | 'arithmetic' | null {
  if (c.isKw('nan:canonical')) { c.i++; return 'canonical'; }
  if (c.isKw('nan:arithmetic')) { c.i++; return 'arithmetic'; }
  return null;
}

/** A constant, or (when `patterns`) an expected result: NaN patterns, ref patterns, `either`. */
function expectedValue(c: Cursor, patterns = true): WastExpected {
  c.lparen();
  const at = c.i;
  const op = c.atom();
  let r: WastExpected;
  switch (op) {
    case 'i32.const': r = { type: 'i32', value: num(c, parseI32) }; break;
    case 'i64.const': r = { type: 'i64', value: num(c, parseI64) }; break;
    case 'f32.const': {
      const nan = patterns ? nanPattern(c) : null;
      r = nan !== null ? { type: 'f32', nan } : { type: 'f32', bits: num(c, parseF32) };
      break;
    }
    case 'f64.const': {
      const nan = patterns ? nanPattern(c) : null;
      r = nan !== null ? { type: 'f64', nan } : { type: 'f64', bits: num(c, parseF64) };
      break;
    }
    case 'v128.const': r = v128(c, patterns); break;
    case 'ref.null': r = { type: 'ref.null', kind: c.isAtom() ? refKind(c.atom()) : '' }; break;
    case 'ref.extern': case 'ref.host':
      if (c.isRParen()) {
        if (!patterns) c.unexpected();
        r = { type: 'ref.any-of', kind: 'extern' };
      } else {
        r = { type: 'ref.extern', value: Number(num(c, t => parseIntN(t, 64))) };
      }
      break;
    case 'either': {
      if (!patterns) c.unexpected(at);
      const options: WastExpected[] = [];
      while (c.isLParen()) options.push(expectedValue(c));
      r = { type: 'either', options };
      break;
    }
    default:
      if (patterns && op.startsWith('ref.') && c.isRParen()) { r = { type: 'ref.any-of', kind: op.slice(4) }; break; }
      c.unexpected(at);
  }
  c.rparen();
  return r;
}

function v128(c: Cursor, patterns: boolean): WastExpected {
  const shapeName = c.atom();
  const shape = SHAPES[shapeName];
  if (shape === undefined) c.unexpected(c.i - 1);
  const bytes = new Uint8Array(16);
  const dv = new DataView(bytes.buffer);
  const lanes: WastExpected[] = [];
  let hasNan = false;
  for (let i = 0; i < shape.lanes; i++) {
    const type = shape.bits === 32 ? 'f32' : 'f64';
    const nan = patterns && shape.float ? nanPattern(c) : null;
    if (nan !== null) { hasNan = true; lanes.push({ type, nan }); continue; }
    if (!c.isAtom()) c.unexpected();
    let ok: boolean;
    try { ok = writeLane(dv, shape, i, c.text()); } catch (e) { if (e instanceof RangeFail) c.fail(e.reason); throw e; }
    if (!ok) c.unexpected();
    c.i++;
    if (shape.float) lanes.push(type === 'f32' ? { type, bits: dv.getUint32(i * 4, true) } : { type, bits: dv.getBigUint64(i * 8, true) });
  }
  if (hasNan) return { type: 'v128-lanes', shape: shapeName, lanes };
  return { type: 'v128', bytes };
}
