/**
 * A background poll that can also be drained on demand: rounds run one at a time, so a drain
 * never reads what the background loop is reading (no duplicate deliveries). Subclasses say what
 * one round does and how long to rest between rounds.
 */
export abstract class PollingLoop {
  private running = false;
  private loop: Promise<void> | undefined;
  private turn: Promise<unknown> = Promise.resolve();

  /** One background round. */
  protected abstract backgroundRound(): Promise<unknown>;
  /** Rest after a round, in milliseconds (a long poll may need none). */
  protected abstract restMs(): number;

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** Runs work alone: after the round in progress, before the next. */
  protected exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.turn.then(work, work);
    this.turn = next.catch(() => undefined);
    return next;
  }

  private async run() {
    while (this.running) {
      let rest = this.restMs();
      try {
        await this.exclusive(() => this.backgroundRound());
      } catch {
        // An emulator may be restarting; rest a little longer and try again.
        rest = Math.max(rest, 500);
      }
      if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
    }
  }
}
