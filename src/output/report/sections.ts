/** A group of metrics a report shows together: one network's, the world's, or (for a single network) all of them. */
export interface MetricSection {
  /** The network the metrics belong to, 'world' for world-level metrics, 'other' for the rest; null when there is one section. */
  readonly network: string | null;
  readonly metrics: readonly string[];
}

import { NETWORK_NAME_RE } from '../../core/names.ts';

/**
 * Groups metric columns into report sections. With no networks declared (a run of one network, today's every
 * experiment) there is one section holding every metric. With networks declared (a world of several, whose
 * columns are named `<network>_<name>`), each network gets the metrics with its prefix, in column order, then
 * `world_…` metrics form a 'world' section and anything else an 'other' section; empty sections are left out.
 * Network names have no underscore, so the prefix `<network>_` names one network only.
 */
export function metricSections(metrics: readonly string[], networks?: readonly string[]): MetricSection[] {
  if (!networks || networks.length === 0) return [{ network: null, metrics: [...metrics] }];
  for (const n of networks) if (!NETWORK_NAME_RE.test(n)) throw new Error(`network name ${JSON.stringify(n)}: allowed: ${NETWORK_NAME_RE.source}`);
  const taken = new Set<string>();
  const sections: MetricSection[] = [];
  const add = (network: string, pick: (m: string) => boolean) => {
    const ms = metrics.filter((m) => !taken.has(m) && pick(m));
    for (const m of ms) taken.add(m);
    if (ms.length > 0) sections.push({ network, metrics: ms });
  };
  for (const n of networks) add(n, (m) => m.startsWith(`${n}_`));
  add('world', (m) => m.startsWith('world_'));
  add('other', () => true);
  return sections;
}
