/** A create that was answered 2xx under an `Idempotency-Key`: what a reuse of that key must respect. */
export interface UsedIdempotencyKey {
  role: string;
  key: string;
  /** Route, path ids and raw body: a reuse with another fingerprint must be refused (409). */
  fingerprint: string;
  status: number;
  id: string;
}

/**
 * What the fuzzing has learnt exists, so careful requests reach real records: ids by the first
 * path segment that serves them, metric binding keys, cursors lists issued, and idempotency keys
 * used. Seeded ids come first and are never picked for a DELETE, so later operations keep targets.
 * @example targets.addId('incidents', id); targets.idFor('incidents', 7);
 */
export class FuzzTargets {
  private readonly ids = new Map<string, string[]>();
  private readonly seeded = new Map<string, number>();
  private readonly cursors = new Map<string, string[]>();
  readonly usedKeys: UsedIdempotencyKey[] = [];

  seed(segment: string, ...ids: string[]) {
    for (const id of ids) this.addId(segment, id);
    this.seeded.set(segment, this.ids.get(segment)?.length ?? 0);
  }

  addId(segment: string, id: string) {
    const ids = this.ids.get(segment) ?? [];
    if (!ids.includes(id)) ids.push(id);
    this.ids.set(segment, ids);
  }

  /** An id that exists (the `pick`th, wrapping); for a DELETE one the fuzzing made, where there is one. */
  idFor(segment: string, pick: number, forDelete = false): string {
    const ids = this.ids.get(segment) ?? [];
    const seeded = this.seeded.get(segment) ?? 0;
    const choices = forDelete && ids.length > seeded ? ids.slice(seeded) : ids;
    return choices[pick % Math.max(choices.length, 1)] ?? 'missing';
  }

  addCursor(list: string, cursor: string) {
    const cursors = this.cursors.get(list) ?? [];
    // A few per list are enough; keep the newest.
    this.cursors.set(list, [...cursors.filter((known) => known !== cursor), cursor].slice(-8));
  }

  /** Cursors the list at `list` (a URL path) issued, newest last. */
  cursorsOf(list: string): readonly string[] {
    return this.cursors.get(list) ?? [];
  }

  /** Cursors every list issued so far. */
  allCursors(): string[] {
    return [...this.cursors.values()].flat();
  }

  /** A key `role` used before (the `pick`th of its, wrapping), or undefined. */
  usedKeyFor(role: string, pick: number): UsedIdempotencyKey | undefined {
    const keys = this.usedKeys.filter((used) => used.role === role);
    return keys[pick % Math.max(keys.length, 1)];
  }
}
