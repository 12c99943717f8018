/**
 * Statistics over plain numbers, below the networks: one function per file, each documented with its purpose, a
 * reference, its complexity, what it throws and an example, and tested against values computed elsewhere.
 */
export { coefficientOfVariation } from './coefficient-of-variation.ts';
export { pearsonCorrelation } from './correlation.ts';
export { gini } from './gini.ts';
export { hhi } from './hhi.ts';
export { nakamotoCoefficient } from './nakamoto-coefficient.ts';
