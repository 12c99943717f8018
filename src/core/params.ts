import { parseDecimal } from './decimal.ts';
import { ConfigError, formatValue } from './errors.ts';

export type Scalar = number | string | boolean;

/** A grid axis: every value is crossed with every value of the other grid axes. */
export interface Grid<T extends Scalar = Scalar> {
  readonly kind: 'grid';
  readonly values: readonly T[];
}

/** A sampled axis: drawn per point by Latin hypercube over `points` strata. */
export type Sampled =
  | { readonly kind: 'uniform'; readonly low: number; readonly high: number }
  | { readonly kind: 'logUniform'; readonly low: number; readonly high: number }
  | { readonly kind: 'int'; readonly low: number; readonly high: number }
  | { readonly kind: 'choice'; readonly values: readonly Scalar[] };

export type ParamValue<T extends Scalar = Scalar> = T | Grid<T> | Sampled;

export type ParamType = 'int' | 'real' | 'choice' | 'bool';

/** A parameter: its type, allowed range, documentation and value (fixed, grid or sampled). */
export interface ParamSpec<T extends Scalar = Scalar> {
  readonly kind: 'param';
  readonly type: ParamType;
  readonly value: ParamValue<T>;
  readonly min?: number;
  readonly max?: number;
  readonly options?: readonly string[];
  readonly doc: string;
  readonly unit?: string;
  /** The same parameter with another value (a grid, a sample or a fixed value). */
  set(value: ParamValue<T>): ParamSpec<T>;
}

export function grid<T extends Scalar>(values: readonly T[]): Grid<T> {
  return Object.freeze({ kind: 'grid' as const, values: Object.freeze([...values]) });
}

export const sample = {
  uniform: (low: number, high: number): Sampled => ({ kind: 'uniform', low, high }),
  logUniform: (low: number, high: number): Sampled => ({ kind: 'logUniform', low, high }),
  int: (low: number, high: number): Sampled => ({ kind: 'int', low, high }),
  choice: (values: readonly Scalar[]): Sampled => ({ kind: 'choice', values: [...values] }),
};

interface NumberOptions<T> {
  value: ParamValue<T & Scalar>;
  min?: number;
  max?: number;
  doc: string;
  unit?: string;
}

function make<T extends Scalar>(fields: Omit<ParamSpec<T>, 'kind' | 'set'>): ParamSpec<T> {
  const spec: ParamSpec<T> = {
    kind: 'param',
    ...fields,
    set: (value: ParamValue<T>) => make<T>({ ...fields, value }),
  };
  return Object.freeze(spec);
}

export const param = {
  int: (o: NumberOptions<number>): ParamSpec<number> => make<number>({ type: 'int', ...o }),
  real: (o: NumberOptions<number>): ParamSpec<number> => make<number>({ type: 'real', ...o }),
  choice: <T extends string>(options: readonly T[], o: { value: ParamValue<T>; doc: string }): ParamSpec<T> => make<T>({ type: 'choice', options, ...o }),
  bool: (o: { value: ParamValue<boolean>; doc: string }): ParamSpec<boolean> => make<boolean>({ type: 'bool', ...o }),
};

export function isParamSpec(x: unknown): x is ParamSpec {
  return typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'param';
}
export function isGrid(x: unknown): x is Grid {
  return typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'grid';
}
export function isSampled(x: unknown): x is Sampled {
  const k = typeof x === 'object' && x !== null ? (x as { kind?: unknown }).kind : undefined;
  return k === 'uniform' || k === 'logUniform' || k === 'int' || k === 'choice';
}

/** A bare value, grid or sample in `params` becomes a spec whose type is inferred and whose range is open. */
export function toSpec(name: string, input: unknown): ParamSpec {
  if (isParamSpec(input)) return input;
  const first = isGrid(input) ? input.values[0] : isSampled(input) ? (input.kind === 'choice' ? input.values[0] : input.low) : input;
  const allInts = isGrid(input) ? input.values.every((v) => Number.isInteger(v)) : isSampled(input) ? input.kind === 'int' : Number.isInteger(first);
  let type: ParamType;
  if (typeof first === 'number') type = allInts ? 'int' : 'real';
  else if (typeof first === 'boolean') type = 'bool';
  else if (typeof first === 'string') type = 'choice';
  else throw new ConfigError(`params.${name}`, input, 'a parameter is a number, string or boolean, grid([...]), sample.*(...) or param.*({...})');
  return make({ type, value: input as ParamValue, doc: '', options: type === 'choice' ? undefined : undefined });
}

/** Describes what a spec allows, for error messages and `describe`. */
export function allowedText(spec: ParamSpec): string {
  switch (spec.type) {
    case 'int':
    case 'real': {
      const what = spec.type === 'int' ? 'an integer' : 'a number';
      if (spec.min !== undefined && spec.max !== undefined) return `${what} from ${spec.min} to ${spec.max}`;
      if (spec.min !== undefined) return `${what} ≥ ${spec.min}`;
      if (spec.max !== undefined) return `${what} ≤ ${spec.max}`;
      return `${what}`;
    }
    case 'choice':
      return spec.options ? `one of ${spec.options.map((o) => formatValue(o)).join(', ')}` : 'a string';
    case 'bool':
      return 'true or false';
  }
}

/** Checks one scalar against a spec; throws ConfigError naming `field`. */
export function checkScalar(field: string, spec: ParamSpec, v: unknown): Scalar {
  const bad = () => new ConfigError(field, v, `allowed: ${allowedText(spec)}`);
  switch (spec.type) {
    case 'int':
    case 'real':
      if (typeof v !== 'number' || !Number.isFinite(v)) throw bad();
      if (spec.type === 'int' && !Number.isInteger(v)) throw bad();
      if (spec.min !== undefined && v < spec.min) throw bad();
      if (spec.max !== undefined && v > spec.max) throw bad();
      return v;
    case 'choice':
      if (typeof v !== 'string' || (spec.options && !spec.options.includes(v))) throw bad();
      return v;
    case 'bool':
      if (typeof v !== 'boolean') throw bad();
      return v;
  }
}

/** Refuses a list of values that holds one value twice (a grid point or a choice would be repeated silently). */
function checkDistinct(field: string, values: readonly Scalar[], what: string): void {
  const seen = new Set<Scalar>();
  for (const v of values) {
    if (seen.has(v)) throw new ConfigError(field, values, `${what} holds each value once (${formatValue(v)} is there twice)`);
    seen.add(v);
  }
}

/** Checks a spec's value (fixed, grid or sample) against its own type and range; a grid or choice holds each value once. */
export function checkValue(field: string, spec: ParamSpec, value: ParamValue = spec.value): void {
  if (isGrid(value)) {
    if (value.values.length === 0) throw new ConfigError(field, '[]', 'a grid needs at least one value');
    for (const v of value.values) checkScalar(field, spec, v);
    checkDistinct(field, value.values, 'a grid');
  } else if (isSampled(value)) {
    if (value.kind === 'choice') {
      if (value.values.length === 0) throw new ConfigError(field, '[]', 'sample.choice needs at least one value');
      for (const v of value.values) checkScalar(field, spec, v);
      checkDistinct(field, value.values, 'sample.choice');
    } else {
      if (!(value.low <= value.high))
        throw new ConfigError(field, `${value.kind}(${value.low}, ${value.high})`, 'the low bound must not exceed the high bound');
      if (value.kind === 'logUniform' && !(value.low > 0)) throw new ConfigError(field, value.low, 'sample.logUniform needs a positive low bound');
      if (value.kind === 'int' && (!Number.isInteger(value.low) || !Number.isInteger(value.high)))
        throw new ConfigError(field, `int(${value.low}, ${value.high})`, 'sample.int bounds must be integers');
      checkScalar(field, spec, value.low);
      checkScalar(field, spec, value.high);
      if (spec.type === 'int' && value.kind !== 'int')
        throw new ConfigError(field, value.kind, 'an integer parameter is sampled with sample.int or sample.choice');
    }
  } else {
    checkScalar(field, spec, value);
  }
}

/**
 * Parses a `--set` value string for a spec: numbers in decimal notation only (see `parseDecimal`: `1e3` is 1000,
 * `0x10` is refused), booleans as `true`/`false`, strings for choices.
 */
export function parseScalar(field: string, spec: ParamSpec, text: string): Scalar {
  const t = text.trim();
  let v: Scalar;
  if (spec.type === 'int' || spec.type === 'real') {
    const n = parseDecimal(t);
    if (n === undefined) throw new ConfigError(field, t, `allowed: ${allowedText(spec)}, written in decimal`);
    v = n;
  } else if (spec.type === 'bool') {
    if (t !== 'true' && t !== 'false') throw new ConfigError(field, t, 'allowed: true or false');
    v = t === 'true';
  } else v = t;
  return checkScalar(field, spec, v);
}
