/**
 * Runs `work` over `items`, at most `width` at once, results in the items' order.
 * @example await inPool(events, 24, deliver)
 */
export const inPool = async <T, R>(
  items: readonly T[],
  width: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> => {
  const results: R[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const position = next++;
        results[position] = await work(items[position] as T);
      }
    }),
  );
  return results;
};

/**
 * A shuffled copy (Fisher–Yates); `random` defaults to Math.random.
 * @example shuffled([1, 2, 3]) // [2, 3, 1]
 */
export const shuffled = <T>(items: readonly T[], random: () => number = Math.random): T[] => {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
};
