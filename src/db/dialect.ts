/**
 * Small engine-neutral helpers for values that the two drivers return differently.
 * SQLite gives 0/1 for booleans and epoch milliseconds for timestamps; PostgreSQL gives booleans and Dates.
 */
export function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  if (typeof value === 'string') {
    const n = Number(value);
    return Number.isFinite(n) && /^\d+$/.test(value) ? new Date(n) : new Date(value);
  }
  return null;
}

export function toBool(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 't' || value === 'true';
}

export function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(value ?? 0);
}

/** The day key used by daily counters: YYYY-MM-DD in Asia/Seoul. */
export function seoulDay(at: Date): string {
  return new Date(at.getTime() + 9 * 3600 * 1000).toISOString().slice(0, 10);
}

/**
 * Case-insensitive "contains" that means the same on both engines (PostgreSQL's LIKE is case-sensitive, SQLite's is
 * not; neither escapes % and _ by default). Use as `.whereRaw(...containsInsensitive('u.email', q))`.
 */
export function containsInsensitive(column: string, text: string): [string, string[]] {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return [`lower(??) LIKE ? ESCAPE '\\'`, [column, pattern]];
}
