/**
 * Inputs shared by the statistics tests, with the values numpy computes for them. Every expected value below was
 * computed with Debian's python3-numpy 1.24.2 (`/usr/bin/python3`) by independent formulas, not by the code under
 * test:
 *
 *   import numpy as np
 *   def gini_mad(x):      # mean absolute difference / (2 mean): the definition
 *       x = np.asarray(x, float); n = len(x)
 *       return np.abs(x[:, None] - x[None, :]).sum() / (2 * n * n * x.mean())
 *   def gini_lorenz(x):   # 1 - 2 x area under the Lorenz curve (trapezoids)
 *       x = np.sort(np.asarray(x, float)); n = len(x)
 *       L = np.concatenate([[0.0], np.cumsum(x) / x.sum()])
 *       return 1 - 2 * np.trapz(L, dx=1.0 / n)
 *   def hhi(x):
 *       s = np.asarray(x, float); s = s / s.sum(); return (s * s).sum()
 *   def nakamoto(x, thr=1/3):
 *       v = np.sort(np.asarray(x, float))[::-1]; c = np.cumsum(v)
 *       return int(np.argmax(c > thr * v.sum()) + 1)
 *   LOGNORMAL = np.random.default_rng(20240601).lognormal(0.0, 1.5, 12)
 */

/**
 * Ten incomes: the example vector of R's `ineq`, `reldist` and `DescTools` documentation (class means of the US income
 * distribution in 1968). R's `ineq::Gini(x)` gives 0.4620911, as printed in Open Risk's concentrationMetrics
 * comparison with R (github.com/open-risk/concentrationMetrics, examples).
 */
export const INCOMES = [541, 1463, 2445, 3438, 4437, 5401, 6392, 8304, 11904, 22261] as const;

/** Twelve log-normal draws, heavy-tailed like stakes: np.random.default_rng(20240601).lognormal(0.0, 1.5, 12). */
export const LOGNORMAL = [
  2.6428537685407343, 2.0217858228496874, 0.38116195474248216, 0.17077848480300925, 0.8049013059831429, 6.081112123435793, 7.39183283192462, 3.9057588997379784,
  1.6817697217367547, 11.023749737494402, 6.3551132420773335, 0.7185814232890035,
] as const;

/** numpy's values for the inputs above (gini_mad and gini_lorenz agree to the last digit or one ulp). */
export const NUMPY = {
  incomes: { gini: 0.46209113026762383, hhi: 0.18408123091548528, nakamotoThird: 1, nakamotoHalf: 2 },
  lognormal: { gini: 0.4933072599784206, hhi: 0.1523357062500309, nakamotoThird: 2, nakamotoHalf: 3 },
} as const;
