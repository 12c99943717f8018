import type { Market, RunContext, ShardContext, Window } from './model.ts';

/**
 * What every network sees of the world besides its own market: the world's public state at one instant.
 * Published at the end of every window of the world (before any market clears), so a market clearing at `t`
 * and the shards stepping from `t` read the same view.
 */
export interface WorldView {
  /** The time of the view, in seconds. */
  readonly t: number;
  /** Prices from the world's processes by name (for example `lpt_usd`, in USD per LPT). */
  readonly prices: Readonly<Record<string, number>>;
}

/** A network's market: as a model's market, but it also reads the world's view when it clears. */
export interface NetworkMarket<Orders, Public> extends Omit<Market<Orders, Public>, 'clear'> {
  clear(orders: readonly Orders[], window: Window, world: WorldView): Public;
  /**
   * The network's fundamentals as of its last clear, without side effects, under standard keys so that a world can
   * compare networks it does not know: `nakamoto_coefficient` and `hhi` of its supply side (stake, power, capacity),
   * `demand_served_fraction` (0-1, of the demand that arrived since t = 0), `staking_ratio` (0-1), and
   * `energy_per_unit_service` where the network defines energy. Leave out what does not apply; a key that applies is
   * always there, NaN while it has no value (no demand yet), so that the world's columns are the same at every sample.
   */
  signals?(): Readonly<Record<string, number>>;
}

/** The standard signal keys (see NetworkMarket.signals). */
export const SIGNALS = ['nakamoto_coefficient', 'hhi', 'demand_served_fraction', 'staking_ratio', 'energy_per_unit_service'] as const;

/**
 * One network of a world: its agents live in the world's K shards (one part of each shard is this network's),
 * its market clears every `periodS` seconds (and at every sample time), and everything it names — its RNG
 * streams, its hash-derived initial states, its metric columns — is in the namespace `name` (see
 * `src/core/names.ts`). A network knows no other network; it reads the world only through `WorldView`, and
 * outside capital enters only through its `port`.
 */
export interface Network<Shard, Orders, Public> {
  /** Instance name: lower-case letters and digits (`livepeer`, `lpa`); namespaces everything the network names. */
  readonly name: string;
  /** Clearing period in seconds (a round, a deadline, a block batch): its own window schedule. */
  readonly periodS: number;
  /** The world's prices it reads (`lpt_usd`, …): the world refuses to run it without them. */
  readonly reads?: readonly string[];
  /** Builds this network's part of shard `ctx.index`; `ctx.seed` and `ctx.stream` are already this network's. */
  createShard(ctx: ShardContext): Shard;
  /** What this network's agents in one shard do in one of the network's windows. */
  stepShard(shard: Shard, window: Window, pub: Public, world: WorldView): Orders;
  /** Builds the market, which starts from the world's view at t = 0. */
  createMarket(ctx: RunContext, world: WorldView): NetworkMarket<Orders, Public>;
  /** The roles outside capital can take here, entered and left through the network's own agents and rules. */
  readonly port?: CapitalPort<Shard, Public>;
}

/** A network with its type parameters erased, as the world sees it. */
// biome-ignore lint/suspicious/noExplicitAny: the world composes networks of every shard, order and public type alike
export type AnyNetwork = Network<any, any, any>;

/**
 * A position an outside investor holds in a network, as the network reports it (in USD at the world's prices,
 * so that positions in different networks add up). Every unit of the capital put in is in one of these states.
 */
export interface PositionValue {
  /** Working capital: bonded stake, pledged collateral, self-stake, hardware at its resale value. */
  readonly activeUsd: number;
  /** On its way out and not yet spendable: unbonding, withdrawal delays, sectors still proving. */
  readonly inTransitUsd: number;
  /** Back in cash and ready to be collected by the investor (the port pays it out on `collect`). */
  readonly withdrawableUsd: number;
  /** True once the position is fully closed and collected. */
  readonly closed: boolean;
}

/** A request to take a role in a network with some capital, at a price the investor observed. */
export interface EnterRequest {
  /** One of the port's roles. */
  readonly role: string;
  /** Capital put in, USD (the port converts it at the world's prices and charges its entry frictions). */
  readonly capitalUsd: number;
  /** Role-specific choice (for example the orchestrator a delegator bonds to); -1 lets the network choose. */
  readonly target: number;
}

/** The frictions of taking a role and leaving it again, as estimated before entering. */
export interface SwitchingCost {
  readonly entryUsd: number;
  readonly exitUsd: number;
  readonly exitDelayS: number;
}

/** What the world records of the frictions a network charged, by name (`gas`, `trading_fee`, `hardware_loss`, …). */
export type Frictions = Readonly<Record<string, number>>;

/**
 * The door for outside capital. Every call is shard-local and deterministic (it touches only this network's
 * part of the investor's own shard), so a move gives the same bytes for any number of threads. Entering and
 * leaving go through the network's own agent kinds and rules: the network applies them the next time its
 * shard steps, and the port reports where each unit is (`value`) and what was lost on the way (`frictions`).
 */
export interface CapitalPort<Shard, Public> {
  /** The roles an investor can take here (for Livepeer: `delegator`, `orchestrator`). */
  readonly roles: readonly string[];
  /** The names of the frictions this port charges (`gas`, `trading_fee`, `hardware_loss`, …), as `frictions` reports them. */
  readonly frictionNames: readonly string[];
  /**
   * The return on capital a role shows in the network's public state, per year (for Livepeer's delegator: the
   * recent reward rate of bonded stake after commission), what an outside investor sees before entering.
   */
  observedReturn(shard: Shard, role: string, pub: Public, world: WorldView): number;
  /** Opens a position; returns its id in this shard, or -1 when the network refuses (the capital stays with the investor). */
  enter(shard: Shard, request: EnterRequest, pub: Public, world: WorldView): number;
  /** Starts closing a position (unbonding, resale, withdrawal delays follow the network's rules). */
  exit(shard: Shard, position: number, pub: Public, world: WorldView): void;
  /** Where the position's capital is now, in USD at the world's prices. */
  value(shard: Shard, position: number, pub: Public, world: WorldView): PositionValue;
  /** Pays out what is withdrawable (USD) and marks it collected. */
  collect(shard: Shard, position: number, pub: Public, world: WorldView): number;
  /** The frictions charged to the position so far, USD by name. */
  frictions(shard: Shard, position: number): Frictions;
  /**
   * The operator's skill a role needs (`gpu`, `storage`, `server`, `bot`), or undefined for a role anyone with capital
   * can take (delegating, lending). Investors without the skill do not consider the role.
   */
  skill?(role: string): string | undefined;
  /**
   * What entering a role with `capitalUsd` and leaving it again would cost, as an investor can estimate it from the
   * public state: USD lost on the way in and on the way out (fees, gas, hardware resold at a loss) and how long the
   * capital is in transit on the way out (unbonding, withdrawal delays, sector life).
   */
  switchingCost?(shard: Shard, role: string, capitalUsd: number, pub: Public, world: WorldView): SwitchingCost;
  /**
   * Earnings of the position so far (rewards, fees, interest) in USD: realised ones at the prices they were realised
   * at, unrealised ones (rewards still in the stake) at the world's prices now.
   */
  earnings(shard: Shard, position: number, pub: Public, world: WorldView): number;
}
