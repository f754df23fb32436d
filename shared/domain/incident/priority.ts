export type Level = 1 | 2 | 3;
export type Priority = 1 | 2 | 3 | 4 | 5;

/**
 * Incident priority from impact and urgency (1 = high), per the ITIL matrix in the README (Incident
 * management).
 * @example incidentPriority(1, 2) // 2
 */
export const incidentPriority = (impact: Level, urgency: Level): Priority =>
  (impact + urgency - 1) as Priority;
