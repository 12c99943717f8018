/**
 * Decimal notation, the only way numbers are read from the command line: an optional sign, digits with an
 * optional fraction (or a fraction alone), an optional exponent (`1e3`, `2.5E-4`); `_` may separate digits
 * (`100_000`). Hexadecimal, octal and binary (`0x10`, `0o17`, `0b11`), `Infinity` and `NaN` are not decimal.
 */
const DECIMAL = /^[+-]?(?:\d+(?:_\d+)*(?:\.(?:\d+(?:_\d+)*)?)?|\.\d+(?:_\d+)*)(?:[eE][+-]?\d+)?$/;

/** The finite number `text` writes in decimal notation, or undefined when it is not one (or overflows). */
export function parseDecimal(text: string): number | undefined {
  const t = text.trim();
  if (!DECIMAL.test(t)) return undefined;
  const v = Number(t.replace(/_/g, ''));
  return Number.isFinite(v) ? v : undefined;
}
