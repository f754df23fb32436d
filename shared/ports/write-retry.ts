/**
 * How long a writer keeps trying when it loses to another writer: one attempt budget and one
 * backoff for the whole application. The record store spends it on transactions cancelled by
 * concurrent transactions; the versioned write spends it on lost version races.
 */
export interface WriteRetry {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Waits before attempt `attempt + 1`. */
  pause(attempt: number): Promise<void>;
}

/** The ceiling of one pause: long enough to let a burst of writers through, short for an API call. */
const maxPauseMs = 250;

/**
 * Full jitter over an exponential ceiling (8 ms, 16 ms, ... 250 ms), so racing writers spread
 * out instead of colliding again. 20 attempts let a few dozen writers of one record through,
 * and end within about 5 s at worst, well inside an API call.
 * @example for (let attempt = 1; attempt < writeRetry.attempts; attempt++) await writeRetry.pause(attempt);
 */
export const writeRetry: WriteRetry = {
  attempts: 20,
  pause: (attempt) =>
    new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(maxPauseMs, 4 * 2 ** attempt))),
};

/** No pauses: for tests that run a budget out without waiting. */
export const immediateRetry: WriteRetry = { attempts: writeRetry.attempts, pause: async () => {} };
