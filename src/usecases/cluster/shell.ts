import { ConfigError } from '../../core/errors.ts';

/**
 * Quotes one word for bash (POSIX sh too): safe words stay bare, others go in single quotes with each
 * `'` written as `'\''`. The result always reads back as exactly `word`.
 * @example shellQuote("it's") === `'it'\\''s'`
 */
export function shellQuote(word: string): string {
  if (word.includes('\0')) throw new ConfigError('argument', word, 'a shell argument may not contain a NUL byte');
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** Quotes each word and joins them with spaces: one shell command line. */
export function shellJoin(words: readonly string[]): string {
  return words.map(shellQuote).join(' ');
}
