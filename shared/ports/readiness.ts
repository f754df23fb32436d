/** Whether a dependency answered a readiness probe. */
export type DependencyState = 'ok' | 'unavailable';

/** What the platform depends on to serve: the record store and the event bus. */
export interface ReadinessProbe {
  /** The record store answers a read. */
  store(): Promise<DependencyState>;
  /** The platform event bus exists and answers. */
  bus(): Promise<DependencyState>;
}
