import { describe, expect, it } from 'vitest';
import { inKeyLane } from '#processes/alarm-lanes.ts';

describe('key lanes (group commit per alarm key in one container)', () => {
  it('runs the first item at once and those arriving meanwhile together as the next round', async () => {
    // Prepare
    const owner = {};
    const rounds: number[][] = [];
    const round = async (items: number[]) => {
      rounds.push(items);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return items.map((item) => item * 10);
    };
    // Act
    const results = await Promise.all([1, 2, 3, 4].map((item) => inKeyLane(owner, 'k', item, round, 40)));
    // Assess
    expect(results).toEqual([10, 20, 30, 40]);
    expect(rounds).toEqual([[1], [2, 3, 4]]);
  });

  it('keeps keys and owners apart, and puts what a round left back first', async () => {
    // Prepare
    const owner = {};
    const rounds: string[][] = [];
    const takeTwo = async (items: string[]) => {
      rounds.push(items);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return items.slice(0, 2);
    };
    // Act
    const results = await Promise.all([
      ...['a1', 'a2', 'a3', 'a4', 'a5'].map((item) => inKeyLane(owner, 'a', item, takeTwo, 40)),
      inKeyLane(owner, 'b', 'b1', takeTwo, 40),
      inKeyLane({}, 'a', 'other-owner', takeTwo, 40),
    ]);
    // Assess
    expect(results).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'b1', 'other-owner']);
    expect(rounds).toEqual([['a1'], ['b1'], ['other-owner'], ['a2', 'a3', 'a4', 'a5'], ['a4', 'a5']]);
  });

  it('fails every item of a failed round, and the lane goes on', async () => {
    // Prepare
    const owner = {};
    let calls = 0;
    const failFirst = async (items: string[]) => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (calls === 1) throw new Error('store down');
      return items;
    };
    // Act
    const first = inKeyLane(owner, 'k', 'x', failFirst, 40);
    const second = inKeyLane(owner, 'k', 'y', failFirst, 40);
    // Assess
    await expect(first).rejects.toThrow('store down');
    await expect(second).resolves.toBe('y');
  });
});
