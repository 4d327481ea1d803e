// The 0xFD (fixed-width SIMD) operators as the text parser needs them: name, sub-opcode and
// immediate kind. The rest of the engine does not run SIMD yet; the text parser encodes it so that
// SIMD modules decode to a clear "illegal opcode" and SIMD text errors get the spec's messages.

export const enum SimdImm { None, MemArg, Lane, MemArgLane, Const, Shuffle }

export interface SimdOp {
  readonly name: string;
  /** Sub-opcode after the 0xFD prefix. */
  readonly sub: number;
  readonly imm: SimdImm;
  /** Natural alignment (log2 bytes) for memory operators. */
  readonly align: number;
}

const ops = new Map<string, SimdOp>();
function def(sub: number, name: string, imm = SimdImm.None, align = -1): void {
  ops.set(name, { name, sub, imm, align });
}
/** Defines consecutive sub-opcodes from `start`; '' skips one. */
function run(start: number, names: string[]): void {
  names.forEach((n, i) => { if (n !== '') def(start + i, n); });
}

// Memory.
def(0x00, 'v128.load', SimdImm.MemArg, 4);
def(0x01, 'v128.load8x8_s', SimdImm.MemArg, 3); def(0x02, 'v128.load8x8_u', SimdImm.MemArg, 3);
def(0x03, 'v128.load16x4_s', SimdImm.MemArg, 3); def(0x04, 'v128.load16x4_u', SimdImm.MemArg, 3);
def(0x05, 'v128.load32x2_s', SimdImm.MemArg, 3); def(0x06, 'v128.load32x2_u', SimdImm.MemArg, 3);
def(0x07, 'v128.load8_splat', SimdImm.MemArg, 0); def(0x08, 'v128.load16_splat', SimdImm.MemArg, 1);
def(0x09, 'v128.load32_splat', SimdImm.MemArg, 2); def(0x0a, 'v128.load64_splat', SimdImm.MemArg, 3);
def(0x0b, 'v128.store', SimdImm.MemArg, 4);
def(0x0c, 'v128.const', SimdImm.Const);
def(0x0d, 'i8x16.shuffle', SimdImm.Shuffle);
run(0x0e, ['i8x16.swizzle', 'i8x16.splat', 'i16x8.splat', 'i32x4.splat', 'i64x2.splat', 'f32x4.splat', 'f64x2.splat']);
const lanes: [number, string][] = [
  [0x15, 'i8x16.extract_lane_s'], [0x16, 'i8x16.extract_lane_u'], [0x17, 'i8x16.replace_lane'],
  [0x18, 'i16x8.extract_lane_s'], [0x19, 'i16x8.extract_lane_u'], [0x1a, 'i16x8.replace_lane'],
  [0x1b, 'i32x4.extract_lane'], [0x1c, 'i32x4.replace_lane'], [0x1d, 'i64x2.extract_lane'],
  [0x1e, 'i64x2.replace_lane'], [0x1f, 'f32x4.extract_lane'], [0x20, 'f32x4.replace_lane'],
  [0x21, 'f64x2.extract_lane'], [0x22, 'f64x2.replace_lane'],
];
for (const [s, n] of lanes) def(s, n, SimdImm.Lane);
// Comparisons.
const icmp = ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'];
const fcmp = ['eq', 'ne', 'lt', 'gt', 'le', 'ge'];
run(0x23, icmp.map(n => 'i8x16.' + n));
run(0x2d, icmp.map(n => 'i16x8.' + n));
run(0x37, icmp.map(n => 'i32x4.' + n));
run(0x41, fcmp.map(n => 'f32x4.' + n));
run(0x47, fcmp.map(n => 'f64x2.' + n));
// Bitwise.
run(0x4d, ['v128.not', 'v128.and', 'v128.andnot', 'v128.or', 'v128.xor', 'v128.bitselect', 'v128.any_true']);
// Lane loads and stores, zero-extending loads.
def(0x54, 'v128.load8_lane', SimdImm.MemArgLane, 0); def(0x55, 'v128.load16_lane', SimdImm.MemArgLane, 1);
def(0x56, 'v128.load32_lane', SimdImm.MemArgLane, 2); def(0x57, 'v128.load64_lane', SimdImm.MemArgLane, 3);
def(0x58, 'v128.store8_lane', SimdImm.MemArgLane, 0); def(0x59, 'v128.store16_lane', SimdImm.MemArgLane, 1);
def(0x5a, 'v128.store32_lane', SimdImm.MemArgLane, 2); def(0x5b, 'v128.store64_lane', SimdImm.MemArgLane, 3);
def(0x5c, 'v128.load32_zero', SimdImm.MemArg, 2); def(0x5d, 'v128.load64_zero', SimdImm.MemArg, 3);
// Arithmetic and conversions.
run(0x5e, [
  'f32x4.demote_f64x2_zero', 'f64x2.promote_low_f32x4',
  'i8x16.abs', 'i8x16.neg', 'i8x16.popcnt', 'i8x16.all_true', 'i8x16.bitmask',
  'i8x16.narrow_i16x8_s', 'i8x16.narrow_i16x8_u',
  'f32x4.ceil', 'f32x4.floor', 'f32x4.trunc', 'f32x4.nearest',
  'i8x16.shl', 'i8x16.shr_s', 'i8x16.shr_u', 'i8x16.add', 'i8x16.add_sat_s', 'i8x16.add_sat_u',
  'i8x16.sub', 'i8x16.sub_sat_s', 'i8x16.sub_sat_u', 'f64x2.ceil', 'f64x2.floor',
  'i8x16.min_s', 'i8x16.min_u', 'i8x16.max_s', 'i8x16.max_u', 'f64x2.trunc', 'i8x16.avgr_u',
  'i16x8.extadd_pairwise_i8x16_s', 'i16x8.extadd_pairwise_i8x16_u',
  'i32x4.extadd_pairwise_i16x8_s', 'i32x4.extadd_pairwise_i16x8_u',
]);
run(0x80, [
  'i16x8.abs', 'i16x8.neg', 'i16x8.q15mulr_sat_s', 'i16x8.all_true', 'i16x8.bitmask',
  'i16x8.narrow_i32x4_s', 'i16x8.narrow_i32x4_u',
  'i16x8.extend_low_i8x16_s', 'i16x8.extend_high_i8x16_s', 'i16x8.extend_low_i8x16_u', 'i16x8.extend_high_i8x16_u',
  'i16x8.shl', 'i16x8.shr_s', 'i16x8.shr_u', 'i16x8.add', 'i16x8.add_sat_s', 'i16x8.add_sat_u',
  'i16x8.sub', 'i16x8.sub_sat_s', 'i16x8.sub_sat_u', 'f64x2.nearest', 'i16x8.mul',
  'i16x8.min_s', 'i16x8.min_u', 'i16x8.max_s', 'i16x8.max_u', '', 'i16x8.avgr_u',
  'i16x8.extmul_low_i8x16_s', 'i16x8.extmul_high_i8x16_s', 'i16x8.extmul_low_i8x16_u', 'i16x8.extmul_high_i8x16_u',
]);
run(0xa0, [
  'i32x4.abs', 'i32x4.neg', '', 'i32x4.all_true', 'i32x4.bitmask', '', '',
  'i32x4.extend_low_i16x8_s', 'i32x4.extend_high_i16x8_s', 'i32x4.extend_low_i16x8_u', 'i32x4.extend_high_i16x8_u',
  'i32x4.shl', 'i32x4.shr_s', 'i32x4.shr_u', 'i32x4.add', '', '', 'i32x4.sub', '', '', '', 'i32x4.mul',
  'i32x4.min_s', 'i32x4.min_u', 'i32x4.max_s', 'i32x4.max_u', 'i32x4.dot_i16x8_s', '',
  'i32x4.extmul_low_i16x8_s', 'i32x4.extmul_high_i16x8_s', 'i32x4.extmul_low_i16x8_u', 'i32x4.extmul_high_i16x8_u',
]);
run(0xc0, [
  'i64x2.abs', 'i64x2.neg', '', 'i64x2.all_true', 'i64x2.bitmask', '', '',
  'i64x2.extend_low_i32x4_s', 'i64x2.extend_high_i32x4_s', 'i64x2.extend_low_i32x4_u', 'i64x2.extend_high_i32x4_u',
  'i64x2.shl', 'i64x2.shr_s', 'i64x2.shr_u', 'i64x2.add', '', '', 'i64x2.sub', '', '', '', 'i64x2.mul',
  'i64x2.eq', 'i64x2.ne', 'i64x2.lt_s', 'i64x2.gt_s', 'i64x2.le_s', 'i64x2.ge_s',
  'i64x2.extmul_low_i32x4_s', 'i64x2.extmul_high_i32x4_s', 'i64x2.extmul_low_i32x4_u', 'i64x2.extmul_high_i32x4_u',
]);
run(0xe0, [
  'f32x4.abs', 'f32x4.neg', '', 'f32x4.sqrt', 'f32x4.add', 'f32x4.sub', 'f32x4.mul', 'f32x4.div',
  'f32x4.min', 'f32x4.max', 'f32x4.pmin', 'f32x4.pmax',
  'f64x2.abs', 'f64x2.neg', '', 'f64x2.sqrt', 'f64x2.add', 'f64x2.sub', 'f64x2.mul', 'f64x2.div',
  'f64x2.min', 'f64x2.max', 'f64x2.pmin', 'f64x2.pmax',
  'i32x4.trunc_sat_f32x4_s', 'i32x4.trunc_sat_f32x4_u', 'f32x4.convert_i32x4_s', 'f32x4.convert_i32x4_u',
  'i32x4.trunc_sat_f64x2_s_zero', 'i32x4.trunc_sat_f64x2_u_zero', 'f64x2.convert_low_i32x4_s', 'f64x2.convert_low_i32x4_u',
]);

export function simdOp(name: string): SimdOp | undefined { return ops.get(name); }
export const SIMD_OP_NAMES: readonly string[] = [...ops.keys()];
