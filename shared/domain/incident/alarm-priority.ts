import type { Level } from './priority.ts';

/**
 * Impact and urgency of an alarm's incident from its CI's service tier (README, Alarms to
 * incidents): tier 1 → (1,1), 2 → (1,2), 3 → (2,2), 4 → (3,3); no CI or no tier → (2,2).
 * @example alarmImpact(2) // { impact: 1, urgency: 2 }
 */
export const alarmImpact = (serviceTier: number | undefined): { impact: Level; urgency: Level } => {
  switch (serviceTier) {
    case 1:
      return { impact: 1, urgency: 1 };
    case 2:
      return { impact: 1, urgency: 2 };
    case 4:
      return { impact: 3, urgency: 3 };
    default:
      return { impact: 2, urgency: 2 };
  }
};
