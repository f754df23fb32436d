import type { ChangeWindow } from '../change-window.ts';
import type { RiskFactor } from './risk-factor.ts';

export const longChangeMs = 8 * 60 * 60 * 1000;

const appliesTo = (window: ChangeWindow, ciIds: readonly string[]): boolean =>
  window.kind === 'maintenance' &&
  (!window.ciIds?.length || ciIds.some((ciId) => window.ciIds?.includes(ciId)));

/**
 * When the change runs: 1 point if it lasts longer than 8 hours, 1 point if it is planned
 * outside the maintenance windows of its CIs (not wholly inside one). The second counts only
 * when some maintenance window applies to its CIs: with none defined, there is no window to miss.
 */
export const changeWindow: RiskFactor = ({ ciIds, plannedStart, plannedEnd, windows }) => {
  const start = Date.parse(plannedStart);
  const end = Date.parse(plannedEnd);
  const details: string[] = [];
  if (end - start > longChangeMs) details.push('planned for longer than 8 hours');
  const maintenance = windows.filter((window) => appliesTo(window, ciIds));
  const inside = maintenance.some(
    (window) => Date.parse(window.start) <= start && end <= Date.parse(window.end),
  );
  if (maintenance.length > 0 && !inside) details.push('planned outside a maintenance window');
  if (details.length === 0) return null;
  return {
    points: details.length,
    reason: { code: 'change_window', detail: `Change ${details.join(' and ')}` },
  };
};
