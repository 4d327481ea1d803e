// Module sources of .wast scripts: what to hand to compile() (quote texts wrapped into a whole module)
// and whether a text module uses SIMD. Pure functions.
import type { WastModuleSource } from '../interpreter/index.js';

const SIMD_TEXT = /(?<![\w$.])(?:v128|i8x16|i16x8|i32x4|i64x2|f32x4|f64x2)(?![\w$])/;

/**
 * Might the module use SIMD? Text: a v128 type or a lane-shaped operator. Binary: the v128 type byte
 * (0x7b) or the SIMD prefix (0xfd) anywhere, a loose test that the runner applies only to a module
 * that failed anyway (an engine without SIMD then skips it instead of failing).
 */
export function usesSimd(src: WastModuleSource): boolean {
  if (src.kind === 'binary') return src.bytes.includes(0x7b) || src.bytes.includes(0xfd);
  return SIMD_TEXT.test(src.text);
}

/** A `module quote` text as a whole module: module fields alone get wrapped in (module …). */
export function quoteToModuleText(text: string): string {
  let i = 0;
  for (;;) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (text.startsWith(';;', i)) { const nl = text.indexOf('\n', i); i = nl < 0 ? text.length : nl + 1; continue; }
    if (text.startsWith('(;', i)) {
      let depth = 0;
      while (i < text.length) {
        if (text.startsWith('(;', i)) { depth++; i += 2; } else if (text.startsWith(';)', i)) { depth--; i += 2; if (depth === 0) break; } else i++;
      }
      continue;
    }
    break;
  }
  return /^\(module(?![\w.$!#%&'*+\-/:<=>?@\\^`|~])/.test(text.slice(i)) ? text : `(module ${text}\n)`;
}

export function moduleInput(src: WastModuleSource): Uint8Array | string {
  if (src.kind === 'binary') return src.bytes;
  return src.kind === 'quote' ? quoteToModuleText(src.text) : src.text;
}

