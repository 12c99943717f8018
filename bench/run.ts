/**
 * `npm run bench`: panmine against a plain C build of the same model, and the event queue's speed.
 *
 * (a) Reference model (Mesa's Boltzmann wealth model) agent-steps per second, set-up included, at 10^4, 10^5
 *     and 10^6 agents, panmine in this process vs bench/boltzmann.c built with `gcc -O2`; first a check that
 *     both give the same Gini draw for draw from the same xoshiro128** state.
 * (b) EventQueue: push 10^6 events at random times, then pop them all.
 * (c) The whole process, start-up included: `panmine run` with 10^5 agents on 316 × 316 for 1000 steps,
 *     against the C binary. Acceptance: within 2× of C.
 *
 * Each timing is the best of REPEATS runs (the machine may be shared). The table is printed and written to
 * bench/out/results.md. Without gcc the C columns are left empty, with a note.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventQueue } from '../src/engine/event-queue.ts';
import { RandomStream } from '../src/engine/rng.ts';
import { createBoltzmannState, stepBoltzmann } from '../src/reference/boltzmann-wealth.ts';

const REPEATS = 3;
const ROOT = new URL('..', import.meta.url).pathname;
const OUT = join(ROOT, 'bench/out');
const C_BIN = join(OUT, 'boltzmann');
mkdirSync(OUT, { recursive: true });

const lines: string[] = [];
const say = (s = ''): void => {
  console.log(s);
  lines.push(s);
};
const fmt = (x: number): string => (x >= 1e6 ? `${(x / 1e6).toFixed(2)} M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)} k` : x.toFixed(0));

function buildC(): string | null {
  const r = spawnSync('gcc', ['-O2', '-std=c99', '-D_POSIX_C_SOURCE=199309L', '-o', C_BIN, join(ROOT, 'bench/boltzmann.c')], { encoding: 'utf8' });
  if (r.error) return `gcc not found (${r.error.message}): C columns skipped`;
  if (r.status !== 0) return `gcc failed: ${r.stderr.trim()}`;
  return null;
}

function runC(args: (number | string)[]): { gini: number; elapsedS: number } {
  const r = spawnSync(C_BIN, args.map(String), { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${C_BIN} ${args.join(' ')} failed: ${r.stderr}`);
  const m = /gini (\S+) total_wealth (\d+) elapsed_s (\S+)/.exec(r.stdout);
  if (!m) throw new Error(`unexpected output from ${C_BIN}: ${r.stdout}`);
  return { gini: Number(m[1]), elapsedS: Number(m[3]) };
}

function runTs(agents: number, width: number, height: number, steps: number, rng: RandomStream): { gini: number; elapsedS: number } {
  const t0 = performance.now();
  const s = createBoltzmannState({ agents, width, height }, rng);
  let gini = 0;
  for (let i = 0; i < steps; i++) gini = stepBoltzmann(s).gini;
  return { gini, elapsedS: (performance.now() - t0) / 1000 };
}

const best = <T extends { elapsedS: number }>(f: () => T): T => {
  let b: T | undefined;
  for (let i = 0; i < REPEATS; i++) {
    const r = f();
    if (!b || r.elapsedS < b.elapsedS) b = r;
  }
  return b!;
};

const cNote = buildC();
const hasC = cNote === null;
const gccVersion = hasC ? spawnSync('gcc', ['-dumpfullversion'], { encoding: 'utf8' }).stdout.trim() : 'none';
say(`# panmine bench`);
say();
say(`${new Date().toISOString()} · ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length} · node ${process.version} · gcc ${gccVersion} (-O2) · best of ${REPEATS}`);
if (cNote) say(`\nNote: ${cNote}`);

// Same state words, same draws: the two implementations must agree exactly.
if (hasC) {
  const words = [0x9e3779b9, 0x243f6a88, 0xb7e15162, 0x12345678];
  const ts = runTs(2000, 40, 30, 50, RandomStream.fromState(words));
  const c = runC([2000, 40, 30, 50, 0, ...words.map((w) => w >>> 0)]);
  say();
  say(
    `Cross-check, 2000 agents on 40 × 30 for 50 steps from one xoshiro128** state: panmine Gini ${ts.gini}, C Gini ${c.gini} → ${ts.gini === c.gini ? 'identical' : 'DIFFERENT'}`,
  );
}

say();
say('## (a) Reference model: Boltzmann wealth, agent-steps/s (set-up included)');
say();
say('| agents | grid | steps | panmine agent-steps/s | C agent-steps/s | panmine time / C time |');
say('|---:|---:|---:|---:|---:|---:|');
for (const [agents, side, steps] of [
  [10_000, 100, 200],
  [100_000, 316, 100],
  [1_000_000, 1000, 20],
] as const) {
  const ts = best(() => runTs(agents, side, side, steps, RandomStream.fromKey(`bench/${agents}`)));
  const c = hasC ? best(() => runC([agents, side, side, steps, 1])) : null;
  const work = agents * steps;
  say(
    `| ${agents.toLocaleString('en')} | ${side}×${side} | ${steps} | ${fmt(work / ts.elapsedS)} | ${c ? fmt(work / c.elapsedS) : '–'} | ${c ? `${(ts.elapsedS / c.elapsedS).toFixed(2)}×` : '–'} |`,
  );
}

say();
say('## (b) Event queue (src/engine/event-queue.ts)');
say();
{
  const N = 1_000_000;
  const times = new Float64Array(N);
  const rng = RandomStream.fromKey('bench/queue');
  for (let i = 0; i < N; i++) times[i] = rng.next() * 1e6;
  let push = Infinity,
    pop = Infinity;
  for (let rep = 0; rep < REPEATS; rep++) {
    const q = new EventQueue(16);
    const t0 = performance.now();
    for (let i = 0; i < N; i++) q.push(times[i]!, i & 3, 1, i);
    const t1 = performance.now();
    let last = -Infinity;
    while (q.pop()) {
      if (q.time < last) throw new Error('EventQueue popped out of order');
      last = q.time;
    }
    const t2 = performance.now();
    push = Math.min(push, (t1 - t0) / 1000);
    pop = Math.min(pop, (t2 - t1) / 1000);
  }
  say('| events | push events/s | pop events/s | push + pop, events/s |');
  say('|---:|---:|---:|---:|');
  say(`| ${N.toLocaleString('en')} (random times) | ${fmt(N / push)} | ${fmt(N / pop)} | ${fmt(N / (push + pop))} |`);
}

say();
say('## (c) Whole process: 100 000 agents, 316 × 316, 1000 steps (acceptance: panmine ≤ 2× C)');
say();
{
  const outDir = mkdtempSync(join(tmpdir(), 'panmine-bench-'));
  const tsArgs = [
    '--import',
    'tsx',
    'src/cli.ts',
    'run',
    'experiments/boltzmann-wealth.ts',
    '--set',
    'agents=100000',
    '--set',
    'width=316',
    '--set',
    'height=316',
    '--set',
    'steps=1000',
    '--replicates',
    '1',
    '--workers',
    '1',
    '--quiet',
    '--force',
    '--out',
    outDir,
  ];
  const wall = (cmd: string, args: string[]): { elapsedS: number } => {
    const t0 = performance.now();
    const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8' });
    const elapsedS = (performance.now() - t0) / 1000;
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
    return { elapsedS };
  };
  const ts = best(() => wall(process.execPath, tsArgs));
  const c = hasC ? best(() => wall(C_BIN, ['100000', '316', '316', '1000', '1'])) : null;
  rmSync(outDir, { recursive: true, force: true });
  const tsCmd = `node ${tsArgs.join(' ').replace(outDir, '<tmpdir>')}`;
  say('| command | wall s |');
  say('|---|---:|');
  say(`| \`${tsCmd}\` | ${ts.elapsedS.toFixed(2)} |`);
  if (c) {
    say(`| \`bench/out/boltzmann 100000 316 316 1000 1\` | ${c.elapsedS.toFixed(2)} |`);
    const ratio = ts.elapsedS / c.elapsedS;
    say();
    say(`panmine / C = **${ratio.toFixed(2)}×** → ${ratio <= 2 ? 'PASS' : 'FAIL'} (target ≤ 2×)`);
  }
}

writeFileSync(join(OUT, 'results.md'), `${lines.join('\n')}\n`);
console.log(`\n(written to ${join('bench/out', 'results.md')})`);
