// Loop scheduling arithmetic of the OpenMP host (pure): schedule kinds as clang passes them
// (libomp's `sched_type` numbers), the static split of __kmpc_for_static_init_*, and the chunks handed
// out by __kmpc_dispatch_next_* for static, dynamic and guided loops. Bounds are inclusive and the
// step may be negative, as the runtime calls give them; all arithmetic is exact (bigint), so 4- and
// 8-byte, signed and unsigned loops share one implementation.

/** libomp's schedule numbers (the values clang emits). */
export const enum Sched {
  StaticChunked = 33,
  Static = 34,
  DynamicChunked = 35,
  GuidedChunked = 36,
  Runtime = 37,
  Auto = 38,
  Trapezoidal = 39,
  StaticGreedy = 40,
  StaticBalanced = 41,
  GuidedIterative = 42,
  GuidedAnalytical = 43,
  StaticSteal = 44,
  StaticBalancedChunked = 45,
  GuidedSimd = 46,
  RuntimeSimd = 47,
  /** Ordered variants are the plain ones + 32 (65 = ordered static chunked, …). */
  OrderedLower = 64,
  OrderedUpper = 72,
  DistributeStaticChunked = 91,
  DistributeStatic = 92,
}

/** Monotonic / nonmonotonic modifier bits clang may or into a schedule. */
const MODIFIERS = (1 << 29) | (1 << 30);

/** The three ways a loop's iterations are handed out. */
export type LoopKind = 'static' | 'static-chunked' | 'dynamic' | 'guided';

export interface ScheduleInfo {
  kind: LoopKind;
  ordered: boolean;
  /** The schedule was `runtime` (the run-sched ICV decides the kind). */
  runtime: boolean;
}

/** Decodes a schedule number: modifiers dropped, ordered variants recognised. */
export function decodeSchedule(raw: number): ScheduleInfo {
  let s = raw & ~MODIFIERS;
  let ordered = false;
  if (s > Sched.OrderedLower && s <= Sched.OrderedUpper) { s -= 32; ordered = true; }
  let kind: LoopKind;
  let runtime = false;
  switch (s) {
    case Sched.StaticChunked: case Sched.StaticBalancedChunked: case Sched.DistributeStaticChunked:
      kind = 'static-chunked'; break;
    case Sched.DynamicChunked: case Sched.StaticSteal:
      kind = 'dynamic'; break;
    case Sched.GuidedChunked: case Sched.GuidedIterative: case Sched.GuidedAnalytical:
    case Sched.GuidedSimd: case Sched.Trapezoidal:
      kind = 'guided'; break;
    case Sched.Runtime: case Sched.RuntimeSimd:
      kind = 'static'; runtime = true; break;
    default: // static, auto, greedy, balanced, distribute static, and anything unknown
      kind = 'static';
  }
  return { kind, ordered, runtime };
}

/** Number of iterations of lb..ub (inclusive) by step incr; 0 when the range is empty or incr is 0. */
export function tripCount(lb: bigint, ub: bigint, incr: bigint): bigint {
  if (incr > 0n) return ub < lb ? 0n : (ub - lb) / incr + 1n;
  if (incr < 0n) return lb < ub ? 0n : (lb - ub) / -incr + 1n;
  return 0n;
}

/** What __kmpc_for_static_init_* writes back: this thread's first block and the stride to the next. */
export interface StaticSplit {
  last: boolean;
  lower: bigint;
  upper: bigint;
  stride: bigint;
}

/**
 * The static split for thread `tid` of `nth`: balanced contiguous blocks (the first trip % nth threads
 * get one iteration more) or, chunked, chunk c going to thread c % nth with `stride` the distance
 * from one of its chunks to its next. An empty range leaves the bounds as they are (the loop runs
 * no iteration); a team of one gets the whole range.
 */
export function staticSplit(
  kind: LoopKind, tid: number, nth: number, lb: bigint, ub: bigint, incr: bigint, chunk: bigint,
): StaticSplit {
  const trip = tripCount(lb, ub, incr);
  if (trip === 0n) return { last: false, lower: lb, upper: ub, stride: incr };
  if (nth <= 1) return { last: true, lower: lb, upper: ub, stride: trip * incr };
  const n = BigInt(nth), t = BigInt(tid);
  if (kind === 'static-chunked') {
    const c = chunk < 1n ? 1n : chunk;
    const span = c * incr;
    const lower = lb + span * t;
    return { last: t === ((trip - 1n) / c) % n, lower, upper: lower + span - incr, stride: span * n };
  }
  if (trip < n) {
    if (t < trip) {
      const at = lb + t * incr;
      return { last: t === trip - 1n, lower: at, upper: at, stride: trip * incr };
    }
    return { last: false, lower: ub + incr, upper: ub, stride: trip * incr };
  }
  const small = trip / n, extras = trip % n;
  const lower = lb + incr * (t * small + (t < extras ? t : extras));
  const upper = lower + small * incr - (t < extras ? 0n : incr);
  return { last: t === n - 1n, lower, upper, stride: trip * incr };
}

/** A chunk of logical iterations [first, last] (0-based positions in the loop). */
export interface Chunk { first: bigint; last: bigint }

/** The loop a team shares through __kmpc_dispatch_*: bounds, kind and the next unclaimed iteration. */
export class SharedLoop {
  readonly trip: bigint;
  /** Next logical iteration not yet handed out (dynamic, guided). */
  next = 0n;
  /** Threads that have been told the loop is over; the team forgets the loop when all have. */
  finished = 0;
  /** Ordered loops: the logical iteration whose ordered region runs next. */
  orderedNext = 0n;
  constructor(
    readonly kind: LoopKind, readonly nth: number,
    readonly lb: bigint, readonly ub: bigint, readonly st: bigint, readonly chunk: bigint,
  ) {
    this.trip = tripCount(lb, ub, st);
  }

  /** Lower bound of logical iteration i. */
  at(i: bigint): bigint { return this.lb + i * this.st; }

  /**
   * The next chunk for thread `tid`, whose own cursor `k` counts the chunks it has taken (static kinds
   * use it; dynamic and guided take from the shared cursor). Null when the loop is over for it.
   */
  take(tid: number, k: number): Chunk | null {
    const trip = this.trip;
    if (trip === 0n) return null;
    const nth = BigInt(this.nth);
    switch (this.kind) {
      case 'static': {
        if (k > 0) return null;
        // The balanced split of staticSplit, in logical iterations.
        const t = BigInt(tid);
        if (trip < nth) return t < trip ? { first: t, last: t } : null;
        const small = trip / nth, extras = trip % nth;
        const first = t * small + (t < extras ? t : extras);
        return { first, last: first + small - (t < extras ? 0n : 1n) };
      }
      case 'static-chunked': {
        const c = this.chunk < 1n ? 1n : this.chunk;
        const first = (BigInt(tid) + BigInt(k) * nth) * c;
        if (first >= trip) return null;
        const end = first + c;
        return { first, last: (end < trip ? end : trip) - 1n };
      }
      case 'dynamic': {
        const first = this.next;
        if (first >= trip) return null;
        const c = this.chunk < 1n ? 1n : this.chunk;
        const end = first + c < trip ? first + c : trip;
        this.next = end;
        return { first, last: end - 1n };
      }
      case 'guided': {
        const first = this.next;
        if (first >= trip) return null;
        const remaining = trip - first;
        const min = this.chunk < 1n ? 1n : this.chunk;
        let size = (remaining + 2n * nth - 1n) / (2n * nth);
        if (size < min) size = min;
        if (size > remaining) size = remaining;
        this.next = first + size;
        return { first, last: first + size - 1n };
      }
    }
  }
}
