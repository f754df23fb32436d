import { type DomainError, validationError } from '#domain/errors.ts';

/**
 * One domain rule: a pure verdict on a proposed move. `null` means compliant.
 * Shared by the problem, change and request rule packs.
 */
export type Rule<Move> = (move: Move) => DomainError | null;

/** 403 outranks 409, which outranks 422: say first what the caller may not do at all. */
const precedence: Record<DomainError['kind'], number> = {
  forbidden: 0,
  not_found: 1,
  precondition_failed: 2,
  conflict: 3,
  validation: 4,
  // No rule says the store is down; listed so every kind has a rank.
  unavailable: 5,
};

/**
 * Runs every rule of a pack and throws the most important failure. Validation failures are
 * merged into one 422 so that `errors` lists every failing field (README, Calling the API).
 * @example enforceRules([titleRequired], move) // throws DomainError or returns
 */
export const enforceRules = <Move>(rules: readonly Rule<Move>[], move: Move): void => {
  const failures = rules.map((rule) => rule(move)).filter((verdict) => verdict !== null);
  if (failures.length === 0) return;
  const [first] = [...failures].sort((a, b) => precedence[a.kind] - precedence[b.kind]);
  if (first && first.kind !== 'validation') throw first;
  throw validationError(failures.flatMap((failure) => failure.errors ?? []));
};
