// A global variable. Numeric values live as raw bits in an 8-byte cell (i64 and f64 as two int32
// halves, lo first), so NaN payloads survive; reference values live in `ref`.
import type { GlobalType } from '../types.js';

export class Global {
  readonly cell = new Int32Array(2);
  readonly f32 = new Float32Array(this.cell.buffer, 0, 1);
  readonly f64 = new Float64Array(this.cell.buffer, 0, 1);
  ref: unknown = null;
  constructor(readonly type: GlobalType) {}
}
