/**
 * Random draws that are pure functions of (seed, id, salt), for initial states: every part of a run that needs an
 * agent's state at t = 0 (the shard that owns the agent, a market summing opening totals) evaluates the same
 * function and gets the same value, without exchanging records and without a shared stream. Distinct salts give
 * independent draws for the same agent. Integer arithmetic only (Math.imul), so the values are the same on every
 * platform.
 */

/** murmur3's 32-bit finaliser (fmix32) over a combination of three words: a well-mixed hash. */
function mix(a: number, b: number, c: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35) ^ Math.imul(c ^ 0x165667b1, 0x27d4eb2f);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A uniform in (0, 1) from (seed, id, salt): one of 2^32 evenly spaced values, never 0 or 1. */
export function hashUniform(seed: number, id: number, salt: number): number {
  return (mix(seed, id, salt) + 0.5) / 4294967296;
}

/** A standard normal from (seed, id, salt): Box–Muller on two hashed uniforms (salts 2·salt + 1 and 2·salt + 2). */
export function hashNormal(seed: number, id: number, salt: number): number {
  const u = hashUniform(seed, id, salt * 2 + 1);
  const v = hashUniform(seed, id, salt * 2 + 2);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
