// Runs the commands of one .wast script against the engine and reports one outcome per command:
// modules and the registry, actions, and every assert_* form with the spec's checks.
import {
  compile, instantiate, invoke, getExport, readGlobal, parseWast, FuncInst, Global,
  type ExternVal, type Instance, type Module, type WastAction, type WastCommand, type WastExpected,
  type WastModuleSource, type ValidateOptions,
} from '../interpreter/index.js';
import { makeSpectest } from './spectest.js';
import { moduleInput, usesSimd } from './source.js';
import { ExternRefs, describeExpected, describeRaw, kindOf, matches, toRaw, unsupportedValue } from './values.js';

import type { Outcome } from './results.js';
export type { Outcome };

export interface ScriptOptions {
  /** Whether the engine handles v128 (probed once; see supportsSimd). */
  simd: boolean;
  /** Wall-clock time (Date.now()) after which the remaining commands fail without running. */
  deadline?: number;
  /** Validation rules for the script's modules (profiles.ts; default: WebAssembly 2.0). */
  validate?: ValidateOptions;
}

/** A module slot: an instance, or why there is none (a skipped or failed module command). */
type Slot =
  | { kind: 'ok'; instance: Instance; line: number }
  | { kind: 'skipped'; reason: string; line: number }
  | { kind: 'failed'; reason: string; line: number };

/** What went wrong, classified by error class (by name, so no class identity is needed). */
interface ErrInfo { kind: 'compile' | 'link' | 'trap' | 'other'; phase?: string; reason: string }

export function errInfo(e: unknown): ErrInfo {
  const err = e as { name?: string; reason?: unknown; phase?: unknown; message?: unknown };
  const reason = typeof err?.reason === 'string' ? err.reason : String(err?.message ?? e);
  switch (err?.name) {
    case 'CompileError': return { kind: 'compile', phase: String(err.phase), reason };
    case 'LinkError': return { kind: 'link', reason };
    case 'RuntimeError': return { kind: 'trap', reason };
    default: return { kind: 'other', reason: `${err?.name ?? typeof e}: ${String(err?.message ?? e)}` };
  }
}

function describeErr(i: ErrInfo): string {
  switch (i.kind) {
    case 'compile': return `CompileError(${i.phase}) "${i.reason}"`;
    case 'link': return `LinkError "${i.reason}"`;
    case 'trap': return `trap "${i.reason}"`;
    default: return `unexpected error ${i.reason}`;
  }
}

/** Probe once whether the engine accepts a v128 function (a tiny binary module with v128.const). */
export function supportsSimd(): boolean {
  const bytes = new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b,          // type: [] -> [v128]
    0x03, 0x02, 0x01, 0x00,                              // func: type 0
    0x0a, 0x16, 0x01, 0x14, 0x00, 0xfd, 0x0c, ...new Array(16).fill(0), 0x0b, // v128.const 0
  ]);
  try { compile(bytes); return true; } catch { return false; }
}

export class ScriptRunner {
  private readonly externs = new ExternRefs();
  private readonly spectest = makeSpectest();
  private readonly named = new Map<string, Slot>();
  private readonly registered = new Map<string, Slot>();
  private current: Slot | null = null;

  constructor(private readonly opts: ScriptOptions) {}

  /** Run one command; never throws. */
  run(cmd: WastCommand): Outcome {
    const line = cmd.line;
    try {
      const r = this.exec(cmd);
      return { line, ...r };
    } catch (e) {
      return { line, status: 'failed', message: `runner error: ${describeErr(errInfo(e))}` };
    }
  }

  private exec(cmd: WastCommand): Omit<Outcome, 'line'> {
    switch (cmd.type) {
      case 'module': return this.defineModule(cmd.module, cmd.name, cmd.definition, cmd.line);
      case 'module-instance': return skip('module instance (3.0 script syntax) not supported');
      case 'register': return this.register(cmd.as, cmd.name);
      case 'action': {
        const r = this.act(cmd.action);
        if (r.kind === 'skip') return skip(r.reason);
        if (r.kind === 'error') return fail(`action ${actionName(cmd.action)}: ${r.message}`);
        return pass();
      }
      case 'assert_return': return this.assertReturn(cmd.action, cmd.expected);
      case 'assert_trap': case 'assert_exhaustion': return this.assertTrap(cmd.action, cmd.text, cmd.type);
      case 'assert_trap_module': case 'assert_uninstantiable': return this.assertModuleTrap(cmd.module, cmd.text);
      case 'assert_malformed': return this.assertRejected(cmd.module, cmd.text, 'malformed');
      case 'assert_invalid': return this.assertRejected(cmd.module, cmd.text, 'invalid');
      case 'assert_unlinkable': return this.assertUnlinkable(cmd.module, cmd.text);
      case 'assert_exception': return skip('assert_exception (exception handling) not supported');
      case 'unsupported': return skip(`unsupported command ${cmd.keyword}`);
      default: return skip(`unknown command ${(cmd as { type: string }).type}`);
    }
  }

  // ---- modules ----

  private resolver(used: { skipped: Slot | null; failed: Slot | null }) {
    return (module: string, name: string): ExternVal | undefined => {
      const reg = this.registered.get(module);
      if (reg) {
        if (reg.kind === 'ok') return getExport(reg.instance, name);
        if (reg.kind === 'skipped') used.skipped = reg; else used.failed = reg;
        return undefined;
      }
      if (module === 'spectest') return this.spectest.get(name);
      return undefined;
    };
  }

  /** compile + instantiate; the result says which step failed. */
  private load(src: WastModuleSource): { module?: Module; instance?: Instance; error?: unknown; step: 'compile' | 'instantiate' | 'done'; used: { skipped: Slot | null; failed: Slot | null } } {
    const used = { skipped: null as Slot | null, failed: null as Slot | null };
    let module: Module;
    try { module = compile(moduleInput(src), this.opts.validate); } catch (error) { return { error, step: 'compile', used }; }
    try {
      const instance = instantiate(module, this.resolver(used));
      return { module, instance, step: 'done', used };
    } catch (error) { return { module, error, step: 'instantiate', used }; }
  }

  /** Why a failed load should count as skipped (an unsupported feature), or null. */
  private skipReason(src: WastModuleSource, used: { skipped: Slot | null }): string | null {
    if (!this.opts.simd && usesSimd(src)) return 'module uses SIMD (not supported)';
    if (used.skipped) return `imports from a skipped module (line ${used.skipped.line})`;
    return null;
  }

  private defineModule(src: WastModuleSource, name: string | null, definition: boolean, line: number): Omit<Outcome, 'line'> {
    if (definition) return skip('module definition (3.0 script syntax) not supported');
    const r = this.load(src);
    let slot: Slot, out: Omit<Outcome, 'line'>;
    if (r.instance) {
      slot = { kind: 'ok', instance: r.instance, line };
      out = pass();
    } else {
      const why = this.skipReason(src, r.used);
      const via = r.used.failed ? ` (imports from the module at line ${r.used.failed.line}, which did not load)` : '';
      const msg = `module ${r.step === 'compile' ? 'rejected' : 'failed to instantiate'}: ${describeErr(errInfo(r.error))}${via}`;
      if (why) { slot = { kind: 'skipped', reason: why, line }; out = skip(why); }
      else { slot = { kind: 'failed', reason: msg, line }; out = fail(msg); }
    }
    this.current = slot;
    if (name !== null) this.named.set(name, slot);
    return out;
  }

  private register(as: string, name: string | null): Omit<Outcome, 'line'> {
    const slot = name !== null ? this.named.get(name) : this.current;
    if (!slot) return fail(`register: no module ${name ?? '(none defined)'}`);
    this.registered.set(as, slot);
    if (slot.kind === 'skipped') return skip(`module at line ${slot.line} was skipped: ${slot.reason}`);
    if (slot.kind === 'failed') return fail(`module at line ${slot.line} did not load`);
    return pass();
  }

  // ---- actions ----

  private act(a: WastAction):
    | { kind: 'ok'; values: unknown[] } | { kind: 'trap'; info: ErrInfo } | { kind: 'error'; message: string; info?: ErrInfo }
    | { kind: 'skip'; reason: string } {
    const slot = a.module !== null ? this.named.get(a.module) : this.current;
    if (!slot) return { kind: 'error', message: `no module ${a.module ?? '(none defined)'}` };
    if (slot.kind === 'skipped') return { kind: 'skip', reason: `module at line ${slot.line} was skipped: ${slot.reason}` };
    if (slot.kind === 'failed') return { kind: 'error', message: `module at line ${slot.line} did not load` };
    if (a.type === 'get') {
      const g = getExport(slot.instance, a.field);
      if (!(g instanceof Global)) return { kind: 'error', message: `no global export "${a.field}"` };
      if (g.type.type === 0x7b && !this.opts.simd) return { kind: 'skip', reason: 'v128 global (SIMD not supported)' };
      return { kind: 'ok', values: [readGlobal(g)] };
    }
    for (const v of a.args) {
      const why = unsupportedValue(v, this.opts.simd);
      if (why) return { kind: 'skip', reason: `argument: ${why}` };
    }
    const f = getExport(slot.instance, a.field);
    if (!(f instanceof FuncInst)) return { kind: 'error', message: `no function export "${a.field}"` };
    if (!this.opts.simd && f.type.results.some((t) => t === 0x7b)) return { kind: 'skip', reason: 'v128 result (SIMD not supported)' };
    const args = a.args.map((v) => toRaw(v, this.externs));
    try {
      return { kind: 'ok', values: invoke(slot.instance, a.field, args) };
    } catch (e) {
      const info = errInfo(e);
      if (info.kind === 'trap') return { kind: 'trap', info };
      return { kind: 'error', message: describeErr(info), info };
    }
  }

  private assertReturn(a: WastAction, expected: WastExpected[]): Omit<Outcome, 'line'> {
    for (const e of expected) {
      const why = unsupportedValue(e, this.opts.simd);
      if (why) return skip(`expected result: ${why}`);
    }
    const r = this.act(a);
    const what = actionName(a);
    if (r.kind === 'skip') return skip(r.reason);
    if (r.kind === 'trap') return fail(`${what}: unexpected ${describeErr(r.info)}`);
    if (r.kind === 'error') return fail(`${what}: ${r.message}`);
    const got = r.values;
    if (got.length !== expected.length) {
      return fail(`${what}: expected ${expected.length} results, got ${got.length}: [${got.map((v) => describeRaw(v, undefined, this.externs)).join(', ')}]`);
    }
    const isFunc = (v: unknown) => v instanceof FuncInst;
    for (let i = 0; i < got.length; i++) {
      if (!matches(got[i], expected[i], this.externs, isFunc)) {
        const exp = expected.map(describeExpected).join(', ');
        const act = got.map((v, j) => describeRaw(v, kindOf(expected[j]), this.externs)).join(', ');
        return fail(`${what}: result ${i}: expected [${exp}], got [${act}]`);
      }
    }
    return pass();
  }

  private assertTrap(a: WastAction, text: string, form: string): Omit<Outcome, 'line'> {
    const r = this.act(a);
    const what = `${form} ${actionName(a)}`;
    if (r.kind === 'skip') return skip(r.reason);
    if (r.kind === 'ok') return fail(`${what}: expected trap "${text}", got results [${r.values.map((v) => describeRaw(v, undefined, this.externs)).join(', ')}]`);
    if (r.kind === 'error') return fail(`${what}: expected trap "${text}", got ${r.message}`);
    if (!r.info.reason.startsWith(text)) return fail(`${what}: wrong trap message: expected "${text}", got "${r.info.reason}"`);
    return pass();
  }

  private assertModuleTrap(src: WastModuleSource, text: string): Omit<Outcome, 'line'> {
    const r = this.load(src);
    if (r.instance) return fail(`expected instantiation to trap "${text}", but it succeeded`);
    const why = this.skipReason(src, r.used);
    const info = errInfo(r.error);
    if (r.step === 'compile') return why ? skip(why) : fail(`expected instantiation to trap "${text}", module rejected: ${describeErr(info)}`);
    if (info.kind !== 'trap') return why ? skip(why) : fail(`expected instantiation to trap "${text}", got ${describeErr(info)}`);
    if (!info.reason.startsWith(text)) return fail(`wrong trap message: expected "${text}", got "${info.reason}"`);
    return pass();
  }

  private assertRejected(src: WastModuleSource, text: string, phase: 'malformed' | 'invalid'): Omit<Outcome, 'line'> {
    let err: unknown = null;
    try { compile(moduleInput(src), this.opts.validate); } catch (e) { err = e; }
    const why = !this.opts.simd && usesSimd(src) ? 'module uses SIMD (not supported)' : null;
    if (err === null) return why ? skip(why) : fail(`expected ${phase} "${text}", but the module was accepted`);
    const info = errInfo(err);
    if (info.kind !== 'compile') return why ? skip(why) : fail(`expected ${phase} "${text}", got ${describeErr(info)}`);
    if (info.phase !== phase) return why ? skip(why) : fail(`expected ${phase} "${text}", got ${info.phase} "${info.reason}"`);
    if (!info.reason.startsWith(text)) return fail(`right phase (${phase}) but wrong message: expected "${text}", got "${info.reason}"`);
    return pass();
  }

  private assertUnlinkable(src: WastModuleSource, text: string): Omit<Outcome, 'line'> {
    const r = this.load(src);
    if (r.instance) return fail(`expected link error "${text}", but instantiation succeeded`);
    const why = this.skipReason(src, r.used);
    const info = errInfo(r.error);
    if (r.step === 'compile') return why ? skip(why) : fail(`expected link error "${text}", module rejected: ${describeErr(info)}`);
    if (info.kind !== 'link') return why ? skip(why) : fail(`expected link error "${text}", got ${describeErr(info)}`);
    if (!info.reason.startsWith(text)) return fail(`wrong link error message: expected "${text}", got "${info.reason}"`);
    return pass();
  }
}

function pass(): Omit<Outcome, 'line'> { return { status: 'passed' }; }
function fail(message: string): Omit<Outcome, 'line'> { return { status: 'failed', message }; }
function skip(message: string): Omit<Outcome, 'line'> { return { status: 'skipped', message }; }

function actionName(a: WastAction): string {
  return `${a.type} ${a.module ? a.module + ' ' : ''}"${a.field}"`;
}

export interface ScriptHooks {
  /** Called once after parsing, with the line of each command. */
  parsed?(lines: number[]): void;
  result?(o: Outcome): void;
}

/** Parse and run a whole script. A parse error is one failed command. */
export function runScript(text: string, opts: ScriptOptions, hooks: ScriptHooks = {}): Outcome[] {
  let cmds: WastCommand[];
  try {
    cmds = parseWast(text);
  } catch (e) {
    const info = errInfo(e);
    const o: Outcome = { status: 'failed', line: lineOf(e), message: `script does not parse: ${describeErr(info)}` };
    hooks.parsed?.([o.line]);
    hooks.result?.(o);
    return [o];
  }
  hooks.parsed?.(cmds.map((c) => c.line));
  const runner = new ScriptRunner(opts);
  const out: Outcome[] = [];
  for (const c of cmds) {
    const o: Outcome = opts.deadline !== undefined && Date.now() > opts.deadline
      ? { status: 'failed', line: c.line, message: 'not run: file time limit exceeded' }
      : runner.run(c);
    out.push(o);
    hooks.result?.(o);
  }
  return out;
}

function lineOf(e: unknown): number {
  const l = (e as { line?: unknown })?.line;
  return typeof l === 'number' ? l : 0;
}
