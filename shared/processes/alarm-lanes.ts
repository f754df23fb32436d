/** A delivery waiting in a key's lane, and how to answer it. */
interface Waiting<S, R> {
  item: S;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/** The lanes of one owner (a container's wiring): one per key, while it has work. */
const lanesOf = new WeakMap<object, Map<string, Array<Waiting<unknown, unknown>>>>();

/**
 * Group commit per key inside one container: the first delivery for a key runs at once; the
 * deliveries that arrive while it runs wait and then run together as the next round, so a storm
 * on one alarm costs a few transactions instead of one lost race after another. `round` takes
 * the waiting items (at most `max`) and answers a prefix of them; the rest go first into the next
 * round. A Lambda container handles one event at a time, so there each round is one delivery;
 * across containers the store's conditions still decide. A failed round fails each of its items.
 * @example const outcome = await inKeyLane(deps, signal.key, signal, (signals) => applyRound(deps, signals), 40);
 */
export const inKeyLane = <S, R>(
  owner: object,
  key: string,
  item: S,
  round: (items: S[]) => Promise<R[]>,
  max: number,
): Promise<R> =>
  new Promise<R>((resolve, reject) => {
    let lanes = lanesOf.get(owner);
    if (!lanes) {
      lanes = new Map();
      lanesOf.set(owner, lanes);
    }
    const waiting = { item, resolve, reject } as Waiting<unknown, unknown>;
    const lane = lanes.get(key);
    if (lane) {
      lane.push(waiting);
      return;
    }
    const fresh = [waiting];
    lanes.set(key, fresh);
    void drain(lanes, key, fresh, round as (items: unknown[]) => Promise<unknown[]>, max);
  });

const drain = async (
  lanes: Map<string, Array<Waiting<unknown, unknown>>>,
  key: string,
  lane: Array<Waiting<unknown, unknown>>,
  round: (items: unknown[]) => Promise<unknown[]>,
  max: number,
) => {
  while (lane.length > 0) {
    const batch = lane.splice(0, max);
    try {
      const results = await round(batch.map((waiting) => waiting.item));
      if (results.length === 0) throw new Error('A key lane round answered none of its items');
      for (const [position, result] of results.entries()) batch[position]?.resolve(result);
      // Items the round left for later go back to the front, in order.
      lane.unshift(...batch.slice(results.length));
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    }
  }
  lanes.delete(key);
};
