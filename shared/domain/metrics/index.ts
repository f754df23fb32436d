export * from './availability.ts';
export * from './capacity-forecast.ts';
export * from './metric-point.ts';
export * from './performance.ts';
export * from './threshold-watch.ts';
