import type { ChangePath } from './change-path.ts';

/** An emergency change skips `assess`: from `new` it goes straight to `authorize`. */
export const emergencyPath: ChangePath = {
  new: ['authorize', 'canceled'],
  assess: [],
  authorize: ['scheduled', 'canceled'],
  scheduled: ['implement', 'canceled'],
  implement: ['review'],
  review: ['closed'],
  closed: [],
  canceled: [],
};
