import { DEAL_ACTIVE, DEAL_PENDING } from '../../../src/networks/filecoin/deal-market.ts';
import { accountOf } from '../../../src/networks/filecoin/fil.ts';
import { AVAILABLE, COLLATERAL, ledgerSum, PLEDGE, PRECOMMIT, VESTING } from '../../../src/networks/filecoin/ledger.ts';
import type { FilecoinMarket } from '../../../src/networks/filecoin/market.ts';
import { circulatingSupply, genesisVested } from '../../../src/networks/filecoin/protocol.ts';
import { ipPerSector } from '../../../src/networks/filecoin/proving.ts';
import { liveSectors } from '../../../src/networks/filecoin/sectors.ts';
import { unvestedOf } from '../../../src/networks/filecoin/vesting.ts';

/**
 * The Filecoin ledger audit, for tests only (production code never imports it; the market keeps no state for it).
 * After a clear it recounts every account from the records that justify it — pledge from the live sectors of every
 * cohort, vesting from every provider's vesting table, deposits from the pending pre-commits, collateral and escrow
 * from the deals — and checks the identities the ledger promises. It returns every discrepancy as a sentence (empty
 * when the books balance).
 */
export function recount(m: FilecoinMarket): string[] {
  const l = m.ledger;
  const openingVesting = m.opening.vestingAtto;
  const out: string[] = [];
  const check = (what: string, got: bigint, want: bigint) => {
    if (got !== want) out.push(`${what}: ${got} attoFIL, recounted ${want}`);
  };
  const n = l.providers;
  const kinds = [AVAILABLE, PLEDGE, VESTING, PRECOMMIT, COLLATERAL];
  // Every provider account sums to its total, and none is negative.
  for (const kind of kinds) {
    let sum = 0n;
    for (let p = 0; p < n; p++) {
      const v = accountOf(l.accounts[kind]!, p);
      if (v < 0n) out.push(`provider ${p} account ${kind} is negative: ${v}`);
      sum += v;
    }
    check(`total of account kind ${kind}`, l.totals[kind]!, sum);
  }
  // Pledge: live sectors × their pledge, per provider.
  const pledge = new Array<bigint>(n).fill(0n);
  const s = m.sectors;
  for (let c = 0; c < s.n; c++) pledge[s.provider[c]!] = pledge[s.provider[c]!]! + ipPerSector(s, c) * BigInt(liveSectors(s, c));
  // Vesting: what the tables still hold after the last released day.
  for (let p = 0; p < n; p++) {
    check(`provider ${p} pledge`, accountOf(l.accounts[PLEDGE]!, p), pledge[p]!);
    check(`provider ${p} vesting`, accountOf(l.accounts[VESTING]!, p), unvestedOf(m.vesting, p));
  }
  // Pre-commit deposits: the pending batches.
  const deposits = new Array<bigint>(n).fill(0n);
  const b = m.pending;
  for (let j = 0; j < b.provider.length; j++) deposits[b.provider[j]!] = deposits[b.provider[j]!]! + b.deposit[j]! * BigInt(b.sectors[j]!);
  for (let p = 0; p < n; p++) check(`provider ${p} pre-commit deposits`, accountOf(l.accounts[PRECOMMIT]!, p), deposits[p]!);
  // Deals: collateral per provider, escrow in total.
  const d = m.deals;
  const collateral = new Array<bigint>(n).fill(0n);
  let escrow = 0n;
  for (let id = 0; id < d.shard.length; id++) {
    const p = d.provider[id]!;
    if (d.state[id] === DEAL_PENDING) {
      collateral[p] = collateral[p]! + d.collateral[id]! * BigInt(d.pieces[id]!);
      escrow += d.pay[id]! * BigInt(d.pieces[id]!) * BigInt(d.endDay[id]! - d.startDay[id]!);
    } else if (d.state[id] === DEAL_ACTIVE) {
      collateral[p] = collateral[p]! + d.collateral[id]! * BigInt(d.live[id]!);
      escrow += d.pay[id]! * BigInt(d.live[id]!) * BigInt(Math.max(0, d.endDay[id]! - m.day));
    }
  }
  for (let p = 0; p < n; p++) check(`provider ${p} deal collateral`, accountOf(l.accounts[COLLATERAL]!, p), collateral[p]!);
  check('escrow', l.escrow, escrow);
  // The universe is conserved; minted = vested + still vesting (+ what penalties took from vesting).
  check('sum of every bucket', ledgerSum(l), l.universe);
  check(
    'minted since t = 0 (+ vesting at t = 0)',
    l.minedSinceStart + openingVesting,
    l.rewardsImmediate + l.rewardsVested + l.vestingPenalised + l.totals[VESTING]!,
  );
  check("mined = the reward actor's TotalStoragePowerReward", l.mined, m.rewards.st.totalStoragePowerReward);
  // Circulating supply (lotus) is exactly what is liquid.
  const liquid = l.holders + l.pool + l.escrow + l.totals[AVAILABLE]! + l.totals[PRECOMMIT]! + l.totals[COLLATERAL]!;
  const disbursed = 300_000_000n * 10n ** 18n - l.reserve;
  const cs = circulatingSupply(genesisVested(m.epochOf(m.day)), l.mined, disbursed, l.burnt, l.totals[PLEDGE]! + l.totals[VESTING]!);
  check('circulating supply (vested + mined + disbursed − burnt − locked) = liquid FIL', cs, liquid);
  if (l.holders < 0n || l.pool < 0n || l.escrow < 0n || l.unminted < 0n) out.push('a bucket is negative');
  return out;
}
