import { ATTO_PAIR, minAtto } from './fil.ts';
import { REWARD_VESTING_PERIOD_DAYS } from './protocol.ts';

/**
 * Each provider's vesting table (miner `vesting_state.rs`, `REWARD_VESTING_SPEC`): a locked block reward vests
 * linearly over 180 days in one-day steps. An amount L locked on day j releases ⌊L/180⌋ on each of days j+1 … j+180
 * and the remainder on day j+180, so it all vests exactly. The table is a ring of daily differences (the constant
 * part starts and stops) plus the day's remainders, so locking and the daily release are O(1) per provider; a
 * penalty takes unvested funds earliest first, as `unlock_vested_and_unvested_funds` does, touching only the days it
 * empties. (The actor quantizes vesting epochs to 12 h around the proving period; a day is this model's step.)
 *
 * Amounts are exact attoFIL in signed pairs (hi · 10^12 + lo, both parts of the value's sign).
 */
export interface Vesting {
  /** Slots per provider: more than 181 days, so a slot is never reused before it is read. */
  readonly ring: number;
  /** Change of the constant daily release from day d on (slot d mod ring). */
  readonly dHi: Float64Array;
  readonly dLo: Float64Array;
  /** Remainders released on day d only. */
  readonly eHi: Float64Array;
  readonly eLo: Float64Array;
  /** The constant daily release in force, per provider. */
  readonly sHi: Float64Array;
  readonly sLo: Float64Array;
  /** The last day each provider's release was made (penalties take from the days after it); -1 at the start. */
  readonly lastDay: Float64Array;
}

const RING = REWARD_VESTING_PERIOD_DAYS + 4;
const PERIOD = BigInt(REWARD_VESTING_PERIOD_DAYS);
const UNIT = ATTO_PAIR.unit;

export function createVesting(providers: number): Vesting {
  const n = providers * RING;
  return {
    ring: RING,
    dHi: new Float64Array(n),
    dLo: new Float64Array(n),
    eHi: new Float64Array(n),
    eLo: new Float64Array(n),
    sHi: new Float64Array(providers),
    sLo: new Float64Array(providers),
    lastDay: new Float64Array(providers).fill(-1),
  };
}

/** Slot of `day` in a ring (days before t = 0 are allowed, for the opening schedule). */
const slot = (day: number, ring: number) => ((day % ring) + ring) % ring;

function read(hi: Float64Array, lo: Float64Array, k: number): bigint {
  const h = hi[k]!;
  const l = lo[k]!;
  return h === 0 && l === 0 ? 0n : BigInt(h) * UNIT + BigInt(l);
}

function write(hi: Float64Array, lo: Float64Array, k: number, v: bigint): void {
  const h = v / UNIT; // truncates: hi and lo share v's sign
  hi[k] = Number(h);
  lo[k] = Number(v - h * UNIT);
}

function add(hi: Float64Array, lo: Float64Array, k: number, dv: bigint): void {
  if (dv !== 0n) write(hi, lo, k, read(hi, lo, k) + dv);
}

/** Locks `amount` on `day` for provider i: it vests over days day+1 … day+180. */
export function lockVesting(v: Vesting, i: number, day: number, amount: bigint): void {
  if (amount <= 0n) return;
  const base = i * v.ring;
  const q = amount / PERIOD;
  add(v.dHi, v.dLo, base + slot(day + 1, v.ring), q);
  add(v.dHi, v.dLo, base + slot(day + 1 + REWARD_VESTING_PERIOD_DAYS, v.ring), -q);
  add(v.eHi, v.eLo, base + slot(day + REWARD_VESTING_PERIOD_DAYS, v.ring), amount - q * PERIOD);
}

/** Releases what vests on `day` for provider i (call once per day, in day order); returns it. */
export function releaseVesting(v: Vesting, i: number, day: number): bigint {
  if (!(day > v.lastDay[i]!)) throw new RangeError(`vesting: provider ${i} released day ${v.lastDay[i]} and now ${day}; days go forward one by one`);
  v.lastDay[i] = day;
  const k = i * v.ring + slot(day, v.ring);
  let s = read(v.sHi, v.sLo, i);
  const d = read(v.dHi, v.dLo, k);
  if (d !== 0n) {
    s += d;
    write(v.sHi, v.sLo, i, s);
    v.dHi[k] = 0;
    v.dLo[k] = 0;
  }
  const e = read(v.eHi, v.eLo, k);
  if (e !== 0n) {
    v.eHi[k] = 0;
    v.eLo[k] = 0;
  }
  return s + e;
}

/**
 * Takes up to `want` of provider i's unvested funds, earliest vesting day first (the days after its last release);
 * returns what it took.
 */
export function takeUnvested(v: Vesting, i: number, want: bigint): bigint {
  if (want <= 0n) return 0n;
  const today = v.lastDay[i]!;
  const base = i * v.ring;
  let s = read(v.sHi, v.sLo, i);
  let remaining = want;
  for (let d = today + 1; d <= today + REWARD_VESTING_PERIOD_DAYS + 1 && remaining > 0n; d++) {
    const k = base + slot(d, v.ring);
    s += read(v.dHi, v.dLo, k);
    const e = read(v.eHi, v.eLo, k);
    const fromE = minAtto(e, remaining);
    if (fromE > 0n) {
      write(v.eHi, v.eLo, k, e - fromE);
      remaining -= fromE;
    }
    const fromS = minAtto(s, remaining);
    if (fromS > 0n) {
      // The day's constant release falls by fromS for this day only.
      add(v.dHi, v.dLo, k, -fromS);
      add(v.dHi, v.dLo, base + slot(d + 1, v.ring), fromS);
      s -= fromS;
      remaining -= fromS;
      // s is now the reduced release of day d; the next day's difference restores it.
    }
  }
  return want - remaining;
}

/** Everything provider i has still to vest after its last release (for audits and tests). */
export function unvestedOf(v: Vesting, i: number): bigint {
  const today = v.lastDay[i]!;
  const base = i * v.ring;
  let s = read(v.sHi, v.sLo, i);
  let total = 0n;
  for (let d = today + 1; d <= today + REWARD_VESTING_PERIOD_DAYS + 1; d++) {
    const k = base + slot(d, v.ring);
    s += read(v.dHi, v.dLo, k);
    total += s + read(v.eHi, v.eLo, k);
  }
  return total;
}
