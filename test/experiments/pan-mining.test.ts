import { describe, expect, it } from 'vitest';
import { panFilecoinConfig, panLivepeerConfig, panMakerConfig, panOrchidConfig, panWorld } from '../../experiments/lib/pan-world.ts';
import pan from '../../experiments/pan-mining.ts';
import type { Scalar } from '../../src/core/params.ts';
import type { AnyModel, MetricValues } from '../../src/engine/model.ts';
import { simulate } from '../../src/engine/simulation.ts';
import { world } from '../../src/engine/world.ts';
import { filecoin } from '../../src/networks/filecoin/model.ts';
import { livepeer } from '../../src/networks/livepeer/model.ts';
import { maker } from '../../src/networks/maker/model.ts';
import { orchid } from '../../src/networks/orchid/model.ts';
import { constantPrice } from '../../src/prices/constant.ts';
import { prices } from '../../src/prices/price-model.ts';
import { forwardAndReverse } from '../helpers/shard-order.ts';

const DAY = 86_400;

/** The experiment's defaults (first value of each grid), small, with `over` on top. */
function point(over: Record<string, Scalar> = {}): Record<string, Scalar> {
  const p: Record<string, Scalar> = {};
  for (const [k, spec] of Object.entries(pan.params)) {
    const v = spec.value as Scalar | { values: readonly Scalar[] };
    p[k] = typeof v === 'object' && v !== null && 'values' in v ? v.values[0]! : (v as Scalar);
  }
  return {
    ...p,
    livepeer_delegators: 300,
    livepeer_broadcasters: 100,
    orchid_users: 300,
    maker_vaults: 60,
    filecoin_providers: 30,
    filecoin_clients: 100,
    world_investors: 40,
    ...over,
  };
}

async function samples(model: AnyModel, days: number, seed = 7, everyDays = 1): Promise<{ rows: MetricValues[]; end: MetricValues }> {
  const rows: MetricValues[] = [];
  const r = await simulate(model, { seed, horizonS: days * DAY, sampleEveryS: everyDays * DAY, onSample: (_t, v) => rows.push(v) });
  return { rows, end: r.end };
}

const text = (rows: readonly MetricValues[], prefix: string) =>
  rows
    .map((v) =>
      Object.entries(v)
        .filter(([k]) => k.startsWith(prefix))
        .map(([k, x]) => `${k}=${x}`)
        .join(','),
    )
    .join('\n');

describe('the pan-mining world (experiments/pan-mining.ts)', () => {
  it('adds no hidden coupling: with no investors and constant prices each network’s columns equal its run alone', async () => {
    const p = point({ world_investors: 0, world_prices: 'constant' });
    const together = await samples(panWorld(p), 20);
    const at = (name: string) => constantPrice(p[name] as number);
    const alone: [string, AnyModel][] = [
      [
        'livepeer_',
        world({
          shards: 2,
          networks: [livepeer(panLivepeerConfig(p))],
          prices: prices({ assets: { lpt_usd: at('world_lptUsd'), eth_usd: at('world_ethUsd') } }),
        }),
      ],
      [
        'orchid_',
        world({ shards: 2, networks: [orchid(panOrchidConfig(p))], prices: prices({ assets: { oxt_usd: at('world_oxtUsd'), xdai_usd: constantPrice(1) } }) }),
      ],
      ['filecoin_', world({ shards: 2, networks: [filecoin(panFilecoinConfig(p))], prices: prices({ assets: { fil_usd: at('world_filUsd') } }) })],
      [
        'maker_',
        world({
          shards: 2,
          networks: [maker(panMakerConfig(p))],
          prices: prices({ assets: { eth_usd: at('world_ethUsd'), gas_gwei: at('world_gasPriceGwei') } }),
        }),
      ],
    ];
    for (const [prefix, model] of alone) {
      const own = await samples(model, 20);
      expect(text(together.rows, prefix).length).toBeGreaterThan(1000);
      expect(text(together.rows, prefix)).toBe(text(own.rows, prefix));
      expect(text([together.end], prefix)).toBe(text([own.end], prefix));
    }
  });

  it('keeps every investor’s dollar in a role, in transit, withdrawable, in cash or lost to a named friction, across switches', async () => {
    // Constant prices (a moving price revalues holdings: that is neither earning nor friction), frequent reviews and
    // noisy beliefs, so that investors switch between the three networks' roles.
    const { rows } = await samples(panWorld(point({ world_prices: 'constant', world_reviewDays: 5, world_panMinerShare: 0.8, world_returnNoise: 0.3 })), 90);
    const first = rows[1]!;
    const capital0 = first.world_investors_capital_usd! + first.world_investors_friction_paid_usd! - first.world_investors_earnings_usd!;
    expect(rows.at(-1)!.world_investors_role_switches).toBeGreaterThan(10);
    for (const v of rows.slice(1)) {
      const parts = v.world_investors_cash_usd! + v.world_investors_active_usd! + v.world_investors_in_transit_usd! + v.world_investors_withdrawable_usd!;
      expect(Math.abs(parts - v.world_investors_capital_usd!) / capital0).toBeLessThan(1e-12);
      // Capital now = capital at the start + what roles earned (prices included) − what frictions took.
      const drift = capital0 + v.world_investors_earnings_usd! - v.world_investors_friction_paid_usd! - v.world_investors_capital_usd!;
      expect(Math.abs(drift) / capital0).toBeLessThan(1e-12);
      const named = Object.entries(v)
        .filter(([k]) => /^world_investors_friction_.+_usd$/.test(k) && k !== 'world_investors_friction_paid_usd')
        .reduce((a, [, x]) => a + x, 0);
      expect(Math.abs(named - v.world_investors_friction_paid_usd!) / capital0).toBeLessThan(1e-9);
    }
  });

  it('gives identical bytes with shards in reverse order', async () => {
    const { forward, reverse } = await forwardAndReverse({
      build: () => panWorld(point({ world_shards: 3 })),
      seed: 3,
      horizonS: 30 * DAY,
      sampleEveryS: 5 * DAY,
    });
    expect(forward.length).toBeGreaterThan(1000);
    expect(reverse).toBe(forward);
  });
});
