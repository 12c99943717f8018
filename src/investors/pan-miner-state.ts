import type { AnyNetwork, CapitalPort } from '../engine/network.ts';
import type { RandomStream } from '../engine/rng.ts';

/** The options of the pan-miners and their baselines (see pan-miner.ts). */
export interface PanMinerOptions {
  /** Investors of all three kinds in the world, spread over the shards round robin. */
  readonly investors: number;
  /** Share of investors who are pan-miners; of the others, `boundShare` are network-bound and the rest passive. */
  readonly panMinerShare: number;
  readonly boundShare: number;
  /** Median capital, USD, and the log-normal sigma of capital across investors. */
  readonly capitalUsd: number;
  readonly capitalSigma: number;
  /** Probability that an investor has each skill a role may need. */
  readonly skills: Readonly<Record<string, number>>;
  /** Median risk aversion (per unit of annual return variance) and median hurdle (annual return). */
  readonly riskAversion: number;
  readonly hurdleAnnual: number;
  /** Log-normal sigma of risk aversion and hurdle across investors. */
  readonly heterogeneity: number;
  /** Memory of the beliefs, in reviews (EWMA weight 1/memoryReviews). */
  readonly memoryReviews: number;
  /** Sd of the noise on a return as an investor perceives it, per year. */
  readonly noiseAnnual: number;
  /** Seconds between an investor's reviews (a random phase each). */
  readonly reviewEveryS: number;
  /** Most roles an investor holds at once (its capital is split evenly among them). */
  readonly maxRoles: number;
  /** Years over which a switch must pay for itself. */
  readonly holdingYears: number;
}

export const PAN = 0;
export const BOUND = 1;
export const PASSIVE = 2;
export const KINDS = ['pan_miner', 'bound', 'passive'] as const;

export const FREE = 0;
export const HELD = 1;
export const LEAVING = 2;

export const SECONDS_PER_YEAR = 365.25 * 86_400;

/** A role an investor can take: a network's port and one of its roles. */
export interface Role {
  readonly net: number;
  readonly port: CapitalPort<unknown, unknown>;
  readonly name: string;
  readonly skill: string | undefined;
}

/** The world's roles, from its networks' ports, in network then port order. */
export function rolesOf(networks: readonly AnyNetwork[]): Role[] {
  const roles: Role[] = [];
  for (const [net, n] of networks.entries()) {
    const port = n.port as CapitalPort<unknown, unknown> | undefined;
    if (!port) continue;
    for (const name of port.roles) roles.push({ net, port, name, skill: port.skill?.(name) });
  }
  return roles;
}

/** The role names the ports of a world offer, deduplicated in order: they name the `capital_by_role_<role>` columns. */
export function roleNamesOf(networks: readonly AnyNetwork[]): string[] {
  return [...new Set(rolesOf(networks).map((r) => r.name))];
}

/** One shard's investors: struct of arrays, `n` investors × `maxRoles` slots × roles. */
export interface PanMinerShard {
  readonly roles: readonly Role[];
  readonly skillNames: readonly string[];
  readonly frictionNames: readonly string[];
  readonly rng: RandomStream;
  readonly n: number;
  readonly kind: Uint8Array;
  readonly skills: Uint32Array;
  readonly capital0: Float64Array;
  readonly decile: Uint8Array;
  readonly cash: Float64Array;
  readonly riskAversion: Float64Array;
  readonly hurdle: Float64Array;
  readonly homeNet: Int32Array;
  readonly mean: Float64Array;
  readonly variance: Float64Array;
  readonly seen: Uint8Array;
  readonly slotRole: Int32Array;
  readonly slotPos: Int32Array;
  readonly slotState: Uint8Array;
  readonly slotTarget: Int32Array;
  readonly phase: Float64Array;
  readonly reviews: Int32Array;
  readonly switches: Int32Array;
  readonly frictionsClosed: Float64Array;
  readonly frictionsByNameClosed: Float64Array;
  readonly earningsClosed: Float64Array;
}
