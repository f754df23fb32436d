export { attachSlas } from './attach-slas.ts';
export {
  type BusinessCalendar,
  parseWallTime,
  type WallInterval,
  WEEKDAYS,
  type Weekday,
} from './business-calendar.ts';
export { addBusinessSeconds, businessSecondsBetween } from './business-time.ts';
export {
  carriesSlas,
  RECORD_LIFECYCLES,
  type RecordLifecycle,
  type SlaRecordKind,
} from './record-lifecycle.ts';
export { computeSla } from './sla-clock.ts';
export type { RecordTimeline, SlaMetric, SlaPolicy, SlaState, SlaStatus } from './sla-policy.ts';
export { dueThresholds, nextSweepAt, type ThresholdInstant, thresholdInstants } from './sla-thresholds.ts';
export { validateCalendar } from './validate-calendar.ts';
