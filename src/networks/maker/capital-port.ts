import type { CapitalPort, EnterRequest, Frictions, PositionValue, WorldView } from '../../engine/network.ts';
import { newVaultPosition, stepVaultPositions, type VaultPosition, vaultPositionValue } from './investor-vaults.ts';
import type { MakerPublic, PortOrder, PortReport } from './messages.ts';
import type { MakerConfig } from './params.ts';
import { ilkView, type Vaults } from './vaults.ts';
import type { MakerPriceNames } from './world-prices.ts';

/**
 * The door for outside capital into Maker (src/engine/network.ts CapitalPort), shard side. Two roles, both run
 * through the market's keeper slots (port-settlement.ts) with the keepers' own rules:
 *
 * - `auction-keeper`: the capital buys DAI through the PSM (tin), or on the DAI/USDC pool without one (fee and price
 *   impact: the `trading` friction), held to bid in Flipper auctions or take from Clipper sales (with flash swaps); it
 *   earns incentives and collateral bought under the market price, pays gas and the bot's running cost; on exit its
 *   DAI is sold back the same way.
 * - `arbitrage-keeper`: the capital (USD) trades DAI across the venues and the PSM when a spread beats fees and gas;
 *   it pays gas and the bot's running cost; on exit the capital and net earnings come back.
 *
 * - `vault`: the capital buys ETH at the world's price, locked in one of the shard's investor vaults, with DAI drawn
 *   to `investorVaultRatio` and held (investor-vaults.ts); it pays gas and the stability fee and can be liquidated.
 *
 * Every unit is accounted for, DAI at face value $1: capital + earnings − frictions (gas, bot_costs, trading,
 * stability_fee, liquidation) = active + in transit + withdrawable + collected (for a vault at a constant ETH price).
 * A position is refused (capital back at once) when no slot is free.
 */
export interface Positions {
  readonly list: Position[];
  /** The vault positions, by their index in `list` (null for keeper positions). */
  readonly vaults: (VaultPosition | null)[];
  orders: PortOrder[];
}

interface Position {
  readonly role: 'auction-keeper' | 'arbitrage-keeper' | 'vault';
  readonly capitalUsd: number;
  report: PortReport | undefined;
  refused: boolean;
  exitAsked: boolean;
  collectedUsd: number;
}

export function createPositions(): Positions {
  return { list: [], vaults: [], orders: [] };
}

/** What the port needs of a Maker shard. */
export interface PortShard {
  readonly index: number;
  readonly cfg: MakerConfig;
  readonly positions: Positions;
  readonly vaults: Vaults | undefined;
}

/** Reads the market's reports on this shard's keeper positions, and runs its vault positions (before owners act). */
export function stepPositions(s: PortShard, pub: MakerPublic, gasGwei: number): void {
  for (const r of pub.portReports[s.index] ?? []) {
    const p = s.positions.list[r.position]!;
    if (r.slot < 0) p.refused = true;
    p.report = r;
  }
  const vaults = s.positions.vaults.filter((v): v is VaultPosition => v !== null);
  if (s.vaults && vaults.length > 0) stepVaultPositions(s.vaults, vaults, pub, ilkView(pub), s.cfg, gasGwei);
}

const ROLES = ['auction-keeper', 'arbitrage-keeper', 'vault'] as const;

function positionValue(p: Position): PositionValue {
  if (p.refused) return { activeUsd: 0, inTransitUsd: 0, withdrawableUsd: p.capitalUsd - p.collectedUsd, closed: p.collectedUsd >= p.capitalUsd };
  const r = p.report;
  if (!r) return { activeUsd: 0, inTransitUsd: p.capitalUsd, withdrawableUsd: 0, closed: false };
  const withdrawable = r.releasedUsd - p.collectedUsd;
  if (r.closed) return { activeUsd: 0, inTransitUsd: 0, withdrawableUsd: withdrawable, closed: withdrawable <= 0 };
  return p.exitAsked
    ? { activeUsd: 0, inTransitUsd: r.activeUsd, withdrawableUsd: withdrawable, closed: false }
    : { activeUsd: r.activeUsd, inTransitUsd: 0, withdrawableUsd: withdrawable, closed: false };
}

/** Maker's port, reading the ETH and gas prices under `names`. */
export function makerPort(names: MakerPriceNames): CapitalPort<PortShard, MakerPublic> {
  return {
    roles: ROLES,
    frictionNames: ['bot_costs', 'gas', 'liquidation', 'stability_fee', 'trading'],
    skill: (role) => (role === 'vault' ? undefined : 'bot'),
    switchingCost(s, role, capitalUsd, pub, world) {
      if (role === 'vault') {
        const gas = s.cfg.gasVault * (world.prices[names.gas] ?? 0) * 1e-9 * pub.ethUsd;
        return { entryUsd: gas, exitUsd: gas, exitDelayS: 0 };
      }
      // An auction keeper's capital goes into DAI and back out (PSM fees, or about the pool's fee without one, here
      // read as DAI's distance from $1); an arbitrage keeper's stays in USD. Leaving waits only for the bot's
      // transactions in flight (minutes).
      if (role !== 'auction-keeper') return { entryUsd: 0, exitUsd: 0, exitDelayS: 0 };
      return {
        entryUsd: capitalUsd * (pub.psmTin + Math.max(0, pub.daiUsd - 1)),
        exitUsd: capitalUsd * (pub.psmTout + Math.max(0, 1 - pub.daiUsd)),
        exitDelayS: 0,
      };
    },
    observedReturn(s, role, pub, _world: WorldView) {
      // A vault holding its DAI pays the fee on its debt: per year, on its capital, −fee / ratio.
      if (role === 'vault') return -pub.stabilityFee / s.cfg.investorVaultRatio;
      // Net USD per day of the role's keepers lately, over the capital a keeper commits, per year.
      const perDay = role === 'auction-keeper' ? pub.auctionKeeperReturnUsdPerDay : pub.arbKeeperReturnUsdPerDay;
      return perDay * 365;
    },
    enter(s, req: EnterRequest) {
      if (!(ROLES as readonly string[]).includes(req.role) || !(req.capitalUsd > 0)) return -1;
      const role = req.role as Position['role'];
      const i = s.positions.list.push({ role, capitalUsd: req.capitalUsd, report: undefined, refused: false, exitAsked: false, collectedUsd: 0 }) - 1;
      if (role === 'vault') s.positions.vaults[i] = newVaultPosition(req.capitalUsd);
      else {
        s.positions.vaults[i] = null;
        s.positions.orders.push({ kind: 'enter', position: i, role, usd: req.capitalUsd });
      }
      return i;
    },
    exit(s, i) {
      const p = s.positions.list[i]!;
      if (p.exitAsked || p.refused) return;
      p.exitAsked = true;
      const v = s.positions.vaults[i];
      if (v) v.exitAsked = true;
      else s.positions.orders.push({ kind: 'exit', position: i });
    },
    value(s, i, _pub, world) {
      const v = s.positions.vaults[i];
      return v ? vaultPositionValue(v, world.prices[names.eth] ?? 0) : positionValue(s.positions.list[i]!);
    },
    collect(s, i, _pub, world) {
      const v = s.positions.vaults[i];
      if (v) {
        const w = vaultPositionValue(v, world.prices[names.eth] ?? 0).withdrawableUsd;
        v.collectedUsd += w;
        return w;
      }
      const p = s.positions.list[i]!;
      const w = positionValue(p).withdrawableUsd;
      p.collectedUsd += w;
      return w;
    },
    frictions(s, i): Frictions {
      const v = s.positions.vaults[i];
      if (v) return { bot_costs: 0, gas: v.frictions.gas, liquidation: v.frictions.liquidation, stability_fee: v.frictions.stability_fee, trading: 0 };
      const r = s.positions.list[i]!.report;
      return { bot_costs: r?.botUsd ?? 0, gas: r?.gasUsd ?? 0, liquidation: 0, stability_fee: 0, trading: r ? r.tradingUsd : 0 };
    },
    earnings: (s, i) => (s.positions.vaults[i] ? 0 : (s.positions.list[i]!.report?.earningsUsd ?? 0)),
  };
}
