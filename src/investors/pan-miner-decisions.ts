import type { WorldView } from '../engine/network.ts';
import { FREE, HELD, LEAVING, PAN, PASSIVE, type PanMinerOptions, type PanMinerShard } from './pan-miner-state.ts';

/**
 * A pan-miner's decisions, as pure functions of its shard's state and what the ports show: settle what the networks
 * release, review (beliefs to a portfolio of roles), and put cash into the roles promised.
 */

/** A role's network part or public state, by role index. */
export type Access = (r: number) => unknown;

/**
 * Positions pay out what their network releases (a leaving position's capital, a refused entry's refund, change); a
 * closed one frees its slot and books its frictions and earnings. With `all` false only leaving positions are looked at.
 */
export function settle(s: PanMinerShard, j: number, M: number, partOf: Access, pubOf: Access, view: WorldView, all = true): void {
  const F = s.frictionNames.length;
  for (let m = 0; m < M; m++) {
    const slot = j * M + m;
    if (s.slotState[slot] === FREE || (!all && s.slotState[slot] !== LEAVING)) continue;
    const r = s.slotRole[slot]!;
    const port = s.roles[r]!.port;
    const pos = s.slotPos[slot]!;
    if (port.value(partOf(r), pos, pubOf(r), view).withdrawableUsd > 0) s.cash[j]! += port.collect(partOf(r), pos, pubOf(r), view);
    if (!port.value(partOf(r), pos, pubOf(r), view).closed) continue;
    for (const [name, usd] of Object.entries(port.frictions(partOf(r), pos))) {
      s.frictionsClosed[j]! += usd;
      s.frictionsByNameClosed[j * F + s.frictionNames.indexOf(name)]! += usd;
    }
    s.earningsClosed[j]! += port.earnings(partOf(r), pos, pubOf(r), view);
    s.slotState[slot] = FREE;
    s.slotRole[slot] = -1;
    s.slotPos[slot] = -1;
  }
}

/** Whether investor j may take role r: its skill, and for bound and passive investors their own network. */
export function eligible(s: PanMinerShard, j: number, r: number): boolean {
  const role = s.roles[r]!;
  const kind = s.kind[j]!;
  if (kind !== PAN && role.net !== s.homeNet[j]) return false;
  if (role.skill === undefined) return true;
  if (kind === PASSIVE) return false;
  const k = s.skillNames.indexOf(role.skill);
  return k >= 0 && (s.skills[j]! & (1 << k)) !== 0;
}

/** The score of role r for investor j: believed mean return less risk aversion × believed variance. */
const score = (s: PanMinerShard, j: number, r: number) => s.mean[j * s.roles.length + r]! - s.riskAversion[j]! * s.variance[j * s.roles.length + r]!;

/**
 * A review: for each held role, the best eligible role not held replaces it when the gain in score over
 * `holdingYears` beats the switching cost both ports estimate (exit of the held, entry into the new) as a share of
 * the position; free slots are promised to the best roles above the hurdle. Passive investors pick once and keep it.
 */
export function review(s: PanMinerShard, j: number, o: PanMinerOptions, M: number, partOf: Access, pubOf: Access, view: WorldView): void {
  const R = s.roles.length;
  const held = new Set<number>();
  for (let m = 0; m < M; m++) {
    const slot = j * M + m;
    if (s.slotState[slot] !== FREE) held.add(s.slotRole[slot]!);
    if (s.slotTarget[slot]! >= 0) held.add(s.slotTarget[slot]!);
  }
  const ranked: number[] = [];
  for (let r = 0; r < R; r++) if (eligible(s, j, r)) ranked.push(r);
  ranked.sort((a, b) => score(s, j, b) - score(s, j, a) || a - b);
  if (s.kind[j] === PASSIVE) {
    if (held.size === 0 && ranked.length > 0) s.slotTarget[j * M] = ranked[0]!;
    return;
  }
  for (let m = 0; m < M; m++) {
    const slot = j * M + m;
    if (s.slotState[slot] !== HELD) continue;
    const a = s.slotRole[slot]!;
    const b = ranked.find((r) => !held.has(r));
    if (b === undefined) continue;
    const va = s.roles[a]!.port.value(partOf(a), s.slotPos[slot]!, pubOf(a), view);
    const value = va.activeUsd + va.inTransitUsd + va.withdrawableUsd;
    if (!(value > 0)) continue;
    const exit = s.roles[a]!.port.switchingCost?.(partOf(a), s.roles[a]!.name, value, pubOf(a), view);
    const entry = s.roles[b]!.port.switchingCost?.(partOf(b), s.roles[b]!.name, value, pubOf(b), view);
    const cost = ((exit?.exitUsd ?? 0) + (entry?.entryUsd ?? 0)) / value;
    const gain = (score(s, j, b) - Math.max(score(s, j, a), s.hurdle[j]!)) * o.holdingYears;
    if (gain > cost) {
      s.roles[a]!.port.exit(partOf(a), s.slotPos[slot]!, pubOf(a), view);
      s.slotState[slot] = LEAVING;
      s.slotTarget[slot] = b;
      held.add(b);
      s.switches[j]!++;
    } else if (score(s, j, a) < s.hurdle[j]!) {
      // Nothing better worth the move, and the role no longer clears the hurdle: leave it for cash.
      s.roles[a]!.port.exit(partOf(a), s.slotPos[slot]!, pubOf(a), view);
      s.slotState[slot] = LEAVING;
      s.slotTarget[slot] = -1;
      s.switches[j]!++;
    }
  }
  // Free slots without a promise take the best roles above the hurdle not yet held.
  for (let m = 0; m < M; m++) {
    const slot = j * M + m;
    if (s.slotState[slot] !== FREE || s.slotTarget[slot]! >= 0) continue;
    const b = ranked.find((r) => !held.has(r) && score(s, j, r) > s.hurdle[j]!);
    if (b === undefined) break;
    s.slotTarget[slot] = b;
    held.add(b);
  }
}

/** Cash goes into the roles promised to free slots, split evenly among them; a refused entry leaves it in cash. */
export function enterWithCash(s: PanMinerShard, j: number, M: number, partOf: Access, pubOf: Access, view: WorldView): void {
  if (!(s.cash[j]! > 0)) return;
  let waiting = 0;
  for (let m = 0; m < M; m++) if (s.slotState[j * M + m] === FREE && s.slotTarget[j * M + m]! >= 0) waiting++;
  if (waiting === 0) return;
  const each = s.cash[j]! / waiting;
  for (let m = 0; m < M; m++) {
    const slot = j * M + m;
    if (s.slotState[slot] !== FREE || s.slotTarget[slot]! < 0) continue;
    const r = s.slotTarget[slot]!;
    const pos = s.roles[r]!.port.enter(partOf(r), { role: s.roles[r]!.name, capitalUsd: each, target: -1 }, pubOf(r), view);
    if (pos < 0) {
      s.slotTarget[slot] = -1; // refused: the next review decides again
      continue;
    }
    s.cash[j]! -= each;
    s.slotState[slot] = HELD;
    s.slotRole[slot] = r;
    s.slotPos[slot] = pos;
    s.slotTarget[slot] = -1;
  }
}
