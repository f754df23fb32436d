import { randomUUID } from 'node:crypto';

/** Opaque, stable, URL-safe ids. */
export interface IdGenerator {
  next(): string;
}

export const randomIds: IdGenerator = { next: () => randomUUID() };
