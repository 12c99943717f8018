import { ConfigError } from './errors.ts';

/**
 * Names that compose. A world runs several networks (two instances of one network included), each under an
 * instance name such as `livepeer`, `lpa` or `filecoin`. Every column a network contributes — its parameters
 * and its metrics — is `<network>_<name>`: `livepeer_inflation`, `livepeer_targetBondingRate`. World-level
 * columns (shards, price processes, investors) use the reserved prefix `world_`. The same column has the same
 * name whether its network runs alone or with others.
 *
 * Why `_`: the name is a bare identifier in pandas (`df.livepeer_inflation`), in SQL (no quoting), in R, and on
 * the command line (`--set livepeer_targetBondingRate=0.5`). Network names are lower-case letters and digits
 * only, so the first `_` always separates the network from the name.
 *
 * RNG streams are namespaced the same way with `/` (`shard/3/livepeer/arrivals`, `market/livepeer/orchestrators`)
 * and so is the seed of hash-derived initial states (`networkSeed`).
 */
export const NETWORK_NAME_RE = /^[a-z][a-z0-9]*$/;

/** The prefix of world-level columns; no network may take this name. */
export const WORLD = 'world';

/** Checks a network instance name; throws ConfigError naming the field. */
export function checkNetworkName(name: unknown, field = 'network name'): string {
  if (typeof name !== 'string' || !NETWORK_NAME_RE.test(name))
    throw new ConfigError(field, name, 'allowed: lower-case letters and digits, starting with a letter (e.g. livepeer, lpa)');
  if (name === WORLD) throw new ConfigError(field, name, `"${WORLD}" is reserved for world-level columns`);
  return name;
}

/** The column of `name` in `network`'s namespace: `livepeer` + `inflation` → `livepeer_inflation`. */
export function columnOf(network: string, name: string): string {
  return `${network}_${name}`;
}

/** Splits a column into its namespace and name: `livepeer_inflation` → ['livepeer', 'inflation']; undefined when it has none. */
export function splitColumn(column: string): [namespace: string, name: string] | undefined {
  const at = column.indexOf('_');
  if (at <= 0) return undefined;
  const namespace = column.slice(0, at);
  return NETWORK_NAME_RE.test(namespace) ? [namespace, column.slice(at + 1)] : undefined;
}

/** The type of a record whose keys are moved into namespace `N`: `{ inflation: X }` → `{ livepeer_inflation: X }`. */
export type Prefixed<N extends string, R> = { [K in keyof R & string as `${N}_${K}`]: R[K] };

/** A record with every key moved into `network`'s namespace (typed, so `p.livepeer_inflation` type-checks). */
export function prefixed<N extends string, R extends Readonly<Record<string, unknown>>>(network: N, record: R): Prefixed<N, R> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [columnOf(network, k), v])) as Prefixed<N, R>;
}

/** The entries of `record` in `network`'s namespace, with the prefix taken off (the inverse of `prefixed`). */
export function unprefixed<T>(network: string, record: Readonly<Record<string, T>>): Record<string, T> {
  const head = `${network}_`;
  return Object.fromEntries(Object.entries(record).flatMap(([k, v]) => (k.startsWith(head) ? [[k.slice(head.length), v]] : [])));
}
