/**
 * The reference model: Mesa 3's Boltzmann wealth model, reproduced rule for rule.
 *
 * Source: projectmesa/mesa @ a320b79c70fd (3.4.0.dev, 2025-12-11),
 * `mesa/examples/basic/boltzmann_wealth_model/{model.py,agents.py}`, with `OrthogonalMooreGrid`
 * (`mesa/discrete_space/grid.py`), `Cell.neighborhood`, `CellCollection.select_random_cell` and
 * `AgentSet.shuffle_do` (`mesa/agent.py`).
 *
 * - Space: a `width × height` grid, not a torus, unlimited agents per cell. Cell `(x, y)`, x in [0, width),
 *   y in [0, height), has index `x * height + y` (Mesa's `all_cells` order). Its neighbourhood is the Moore
 *   neighbourhood clipped at the edges: 8 cells inside, 5 on an edge, 3 in a corner.
 * - Set-up: every agent has wealth 1 and a cell drawn uniformly from all cells, with replacement
 *   (`random.choices(grid.all_cells.cells, k=n)`).
 * - Step (`agents.shuffle_do("step")`): agents act one at a time in a fresh uniformly random order. Each moves
 *   to a uniformly random cell of its neighbourhood, then, if its wealth is > 0 and another agent is in its
 *   new cell, gives 1 to one of those other agents drawn uniformly.
 * - Metric: the Gini coefficient of wealth, with Mesa's `compute_gini` formula (see `giniOfWealth`),
 *   computed every step; and the total wealth, which the rules conserve.
 *
 * Sequential activation means an agent sees every move made before it in the same step, so the model runs
 * as one shard that does a whole Mesa step per window. Differences from Mesa: the random generator
 * (xoshiro128** instead of Python's Mersenne Twister, so runs agree in distribution, not draw for draw),
 * and a 1 × 1 grid is refused (its cell has no neighbours; Mesa raises IndexError in `random.choice`).
 *
 * State is struct-of-arrays: per agent `wealth`, `cell` and the links `next`/`prev` of a doubly linked
 * list of the agents in each cell (a move is O(1)); per cell `head` and `count`. Choosing a cellmate walks
 * the new cell's list, O(agents in that cell). The Gini is a counting sort over the small integer wealths,
 * O(agents + max wealth) per step.
 */
import type { Market, Model, RunContext, ShardContext, Window } from '../engine/model.ts';
import { Population } from '../engine/population.ts';
import { RandomStream } from '../engine/rng.ts';

export interface BoltzmannParams {
  /** Number of agents (Mesa `n`), ≥ 1. */
  readonly agents: number;
  /** Grid width (Mesa `width`), ≥ 1. */
  readonly width: number;
  /** Grid height (Mesa `height`), ≥ 1; width × height ≥ 2. */
  readonly height: number;
}

/** Per-agent columns. */
export const AGENT_SCHEMA = { wealth: 'i32', cell: 'i32', next: 'i32', prev: 'i32' } as const;
/** Per-cell columns: the first agent of the cell's list (−1 if none) and how many agents are there. */
export const CELL_SCHEMA = { head: 'i32', count: 'i32' } as const;
/** Scratch bytes per agent besides the columns: the activation order and the Gini's counting-sort bins. */
export const SCRATCH_BYTES_PER_AGENT = 8;
/** Largest grid accepted (the per-cell columns are allocated up front, like Mesa's cells). */
export const MAX_CELLS = 100_000_000;

/** What one step reports to the market. */
export interface BoltzmannOrders {
  readonly gini: number;
  readonly totalWealth: number;
}

/** The whole state of a run. */
export interface BoltzmannState {
  readonly agents: number;
  readonly width: number;
  readonly height: number;
  readonly wealth: Int32Array;
  readonly cell: Int32Array;
  readonly next: Int32Array;
  readonly prev: Int32Array;
  readonly head: Int32Array;
  readonly count: Int32Array;
  /** Activation order, reshuffled every step. */
  readonly order: Int32Array;
  /** Counting-sort bins for the Gini, indexed by wealth (wealth never exceeds the number of agents). */
  readonly bins: Int32Array;
  /** The run's stream; replaced by its successor state after each step. */
  rng: RandomStream;
}

/** Throws a RangeError naming the first parameter the model cannot run with. */
export function checkBoltzmannParams(p: BoltzmannParams): void {
  for (const k of ['agents', 'width', 'height'] as const) {
    const v = p[k];
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${k}: ${v} is not allowed; allowed: an integer ≥ 1`);
  }
  const cells = p.width * p.height;
  if (cells < 2) throw new RangeError(`width × height: ${cells} is not allowed; a 1 × 1 grid has no neighbouring cell to move to`);
  if (cells > MAX_CELLS) throw new RangeError(`width × height: ${cells} is not allowed; allowed: at most ${MAX_CELLS} cells`);
  if (p.agents > 0x3fffffff) throw new RangeError(`agents: ${p.agents} is not allowed; allowed: at most ${0x3fffffff}`);
}

/** Number of cells in the (non-torus) Moore neighbourhood of (x, y): 8 inside, 5 on an edge, 3 in a corner. */
export function mooreNeighbourCount(x: number, y: number, width: number, height: number): number {
  const nx = 1 + (x > 0 ? 1 : 0) + (x < width - 1 ? 1 : 0);
  const ny = 1 + (y > 0 ? 1 : 0) + (y < height - 1 ? 1 : 0);
  return nx * ny - 1;
}

/**
 * The r-th cell (0-based) of the Moore neighbourhood of (x, y), as a cell index, in Mesa's offset order
 * (dx, dy) = (−1,−1), (−1,0), (−1,1), (0,−1), (0,1), (1,−1), (1,0), (1,1) with off-grid offsets left out.
 */
export function mooreNeighbour(x: number, y: number, _width: number, height: number, r: number): number {
  const x0 = x > 0 ? x - 1 : x;
  const y0 = y > 0 ? y - 1 : y;
  const ny = (y < height - 1 ? y + 1 : y) - y0 + 1;
  let i = r;
  if (i >= (x - x0) * ny + (y - y0)) i++; // skip the centre
  const dx = (i / ny) | 0;
  return (x0 + dx) * height + y0 + (i - dx * ny);
}

/** A fresh run: wealth 1 each, cells drawn uniformly with replacement from `rng`, in agent order. */
export function createBoltzmannState(p: BoltzmannParams, rng: RandomStream): BoltzmannState {
  checkBoltzmannParams(p);
  const n = p.agents;
  const cells = p.width * p.height;
  const agents = new Population(AGENT_SCHEMA, n);
  const grid = new Population(CELL_SCHEMA, cells);
  const { wealth, cell, next, prev } = agents.columns;
  const { head, count } = grid.columns;
  head.fill(-1);
  const order = new Int32Array(n);
  for (let a = 0; a < n; a++) {
    agents.add();
    const c = rng.int(cells);
    wealth[a] = 1;
    cell[a] = c;
    // Push on the front of the cell's list.
    const h = head[c]!;
    next[a] = h;
    prev[a] = -1;
    if (h >= 0) prev[h] = a;
    head[c] = a;
    count[c]!++;
    order[a] = a;
  }
  return { agents: n, width: p.width, height: p.height, wealth, cell, next, prev, head, count, order, bins: new Int32Array(n + 1), rng };
}

/**
 * Mesa's `compute_gini` on a wealth vector: with x sorted ascending and i = 0 … n−1,
 * `b = Σ x_i (n − i) / (n Σ x)`, `G = 1 + 1/n − 2b`. The sort is a counting sort into `bins` (length >
 * max wealth, zeroed on entry and left zeroed); every partial sum is an integer below 2^53, so the result
 * equals Mesa's bit for bit (Python divides its exact integers with one rounding, as this divides exact
 * doubles). Wealth values must be non-negative integers; Σ x must be > 0 (Mesa divides by it too).
 * It is not `src/stats/gini`: that one's formula rounds differently from Mesa's (the last bit differs in 18 to 100 %
 * of steps at 100 to 10 000 agents), and it sorts in O(n log n) where this counts in O(n + max wealth).
 */
export function giniOfWealth(wealth: ArrayLike<number>, n: number, bins: Int32Array): { gini: number; total: number } {
  let max = 0;
  let total = 0;
  for (let a = 0; a < n; a++) {
    const w = wealth[a]!;
    bins[w]!++;
    total += w;
    if (w > max) max = w;
  }
  let num = 0;
  let pos = 0;
  for (let w = 0; w <= max; w++) {
    const c = bins[w]!;
    if (c === 0) continue;
    bins[w] = 0;
    // Σ_{i = pos}^{pos + c − 1} (n − i) = c·n − c·pos − c(c − 1)/2
    num += w * (c * n - c * pos - (c * (c - 1)) / 2);
    pos += c;
  }
  const b = num / (n * total);
  return { gini: 1 + 1 / n - 2 * b, total };
}

/**
 * One Mesa step (`agents.shuffle_do("step")`), then the Gini. The stream's xoshiro128** state is copied
 * into locals for the step and written back after it (the same draws as `rng.nextU32()`, without a call
 * per draw); uniform integers in [0, k) are `floor(u · 2^-32 · k)`, as `RandomStream.int` (written as a truncation,
 * `| 0`, which V8 compiles without the −0 and range checks of `Math.floor`; equal here since k < 2^31).
 */
export function stepBoltzmann(s: BoltzmannState): BoltzmannOrders {
  const n = s.agents,
    height = s.height;
  const { wealth, cell, next, prev, head, count, order } = s;
  const st = s.rng.getState();
  let s0 = st[0]!,
    s1 = st[1]!,
    s2 = st[2]!,
    s3 = st[3]!;
  let u = 0,
    m5 = 0,
    t9 = 0;
  // Fresh random order (Fisher–Yates, as random.shuffle).
  for (let i = n - 1; i > 0; i--) {
    m5 = Math.imul(s1, 5);
    u = Math.imul((m5 << 7) | (m5 >>> 25), 9) >>> 0;
    t9 = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t9;
    s3 = (s3 << 11) | (s3 >>> 21);
    const j = (u * 2.3283064365386963e-10 * (i + 1)) | 0;
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  const xMax = s.width - 1,
    yMax = height - 1;
  for (let k = 0; k < n; k++) {
    const a = order[k]!;
    const c = cell[a]!;
    // move(): a uniformly random cell of the neighbourhood (see mooreNeighbour).
    const x = (c / height) | 0;
    const y = c - x * height;
    const x0 = x > 0 ? x - 1 : x;
    const y0 = y > 0 ? y - 1 : y;
    const ny = (y < yMax ? y + 1 : y) - y0 + 1;
    const nx = (x < xMax ? x + 1 : x) - x0 + 1;
    m5 = Math.imul(s1, 5);
    u = Math.imul((m5 << 7) | (m5 >>> 25), 9) >>> 0;
    t9 = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t9;
    s3 = (s3 << 11) | (s3 >>> 21);
    let r = (u * 2.3283064365386963e-10 * (nx * ny - 1)) | 0;
    if (r >= (x - x0) * ny + (y - y0)) r++;
    const dx = (r / ny) | 0;
    const d = (x0 + dx) * height + y0 + (r - dx * ny);
    // Unlink from c, push on the front of d.
    const p = prev[a]!,
      q = next[a]!;
    if (p >= 0) next[p] = q;
    else head[c] = q;
    if (q >= 0) prev[q] = p;
    count[c]!--;
    const h = head[d]!;
    next[a] = h;
    prev[a] = -1;
    if (h >= 0) prev[h] = a;
    head[d] = a;
    const m = ++count[d]!;
    cell[a] = d;
    // give_money(): to a uniformly random other agent of the new cell (they follow `a` in the list).
    if (m > 1 && wealth[a]! > 0) {
      m5 = Math.imul(s1, 5);
      u = Math.imul((m5 << 7) | (m5 >>> 25), 9) >>> 0;
      t9 = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t9;
      s3 = (s3 << 11) | (s3 >>> 21);
      let b = next[a]!;
      for (let i = (u * 2.3283064365386963e-10 * (m - 1)) | 0; i > 0; i--) b = next[b]!;
      wealth[b]!++;
      wealth[a]!--;
    }
  }
  s.rng = RandomStream.fromState([s0, s1, s2, s3]);
  const g = giniOfWealth(wealth, n, s.bins);
  return { gini: g.gini, totalWealth: g.total };
}

/** The Gini of n agents with wealth 1 each, as `giniOfWealth` computes it (the t = 0 sample; 0 up to rounding). */
export function giniOfEqualWealth(n: number): number {
  const num = n * n - (n * (n - 1)) / 2;
  return 1 + 1 / n - 2 * (num / (n * n));
}

class BoltzmannMarket implements Market<BoltzmannOrders, null> {
  private gini: number;
  private total: number;

  constructor(agents: number) {
    this.gini = giniOfEqualWealth(agents);
    this.total = agents;
  }

  initialPublic(): null {
    return null;
  }

  clear(orders: readonly BoltzmannOrders[]): null {
    const o = orders[0]!;
    this.gini = o.gini;
    this.total = o.totalWealth;
    return null;
  }

  sample(): { gini: number; total_wealth: number } {
    return { gini: this.gini, total_wealth: this.total };
  }
}

/** Seconds per step: one step is one simulated day. */
export const STEP_S = 86_400;

/** The model for the engine: one shard (Mesa's sequential activation), one Mesa step per one-day window. */
export function boltzmannWealth(p: BoltzmannParams): Model<BoltzmannState, BoltzmannOrders, null> {
  checkBoltzmannParams(p);
  return {
    shards: 1,
    windowS: STEP_S,
    createShard: (ctx: ShardContext) => createBoltzmannState(p, ctx.stream('boltzmann')),
    stepShard: (s: BoltzmannState, _w: Window) => stepBoltzmann(s),
    createMarket: (_ctx: RunContext) => new BoltzmannMarket(p.agents),
  };
}
