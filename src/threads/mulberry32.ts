// mulberry32: a small seeded pseudo-random generator of uint32 values. The scheduler permutes its
// choices with it (same seed, same schedule); tests use it for reproducible random cases.

/** A generator seeded with `seed`; each call returns the next uint32. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}
