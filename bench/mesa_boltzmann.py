"""Run Mesa 3's own Boltzmann wealth example and report the end-of-run Gini and the speed.

Mesa is not vendored: point PYTHONPATH at a Mesa 3 source tree (see bench/MESA.md), e.g.

    PYTHONPATH=/tmp/mesa-src /usr/bin/python3 bench/mesa_boltzmann.py --agents 10000 --width 100 \
        --height 100 --steps 100 --seeds 1-10

Prints one line per seed (end Gini, set-up seconds, step seconds, agent-steps/s) and a summary line.
"""

import argparse
import os
import statistics
import sys
import time
import types

import mesa

# mesa/examples/__init__.py imports every example (and networkx, solara...). Register the package without
# running it so only the Boltzmann example and what it imports are loaded.
_examples = types.ModuleType("mesa.examples")
_examples.__path__ = [os.path.join(os.path.dirname(mesa.__file__), "examples")]
sys.modules["mesa.examples"] = _examples

from mesa.examples.basic.boltzmann_wealth_model.model import BoltzmannWealth  # noqa: E402


def seeds_of(text):
    if "-" in text:
        lo, hi = text.split("-")
        return list(range(int(lo), int(hi) + 1))
    return [int(s) for s in text.split(",")]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--agents", type=int, default=10000)
    ap.add_argument("--width", type=int, default=100)
    ap.add_argument("--height", type=int, default=100)
    ap.add_argument("--steps", type=int, default=100)
    ap.add_argument("--seeds", default="1-8")
    a = ap.parse_args()
    print(f"mesa {mesa.__version__} python {sys.version.split()[0]} from {os.path.dirname(mesa.__file__)}")
    ginis, rates = [], []
    for seed in seeds_of(a.seeds):
        t0 = time.perf_counter()
        model = BoltzmannWealth(n=a.agents, width=a.width, height=a.height, seed=seed)
        t1 = time.perf_counter()
        for _ in range(a.steps):
            model.step()
        t2 = time.perf_counter()
        g = model.datacollector.get_model_vars_dataframe()["Gini"].iloc[-1]
        rate = a.agents * a.steps / (t2 - t1)
        ginis.append(g)
        rates.append(rate)
        print(f"seed {seed} gini {g:.6f} setup_s {t1 - t0:.3f} steps_s {t2 - t1:.3f} agent_steps_per_s {rate:.0f}", flush=True)
    sd = statistics.stdev(ginis) if len(ginis) > 1 else 0.0
    print(
        f"n={a.agents} grid={a.width}x{a.height} steps={a.steps} seeds={len(ginis)}: "
        f"gini mean {statistics.mean(ginis):.4f} sd {sd:.4f} se {sd / len(ginis) ** 0.5:.4f}; "
        f"agent-steps/s median {statistics.median(rates):.0f}"
    )


if __name__ == "__main__":
    main()
