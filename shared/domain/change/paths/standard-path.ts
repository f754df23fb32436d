import type { ChangePath } from './change-path.ts';

/** A standard change is pre-approved: it goes from `new` straight to `scheduled`, never to assess or authorize. */
export const standardPath: ChangePath = {
  new: ['scheduled', 'canceled'],
  assess: [],
  authorize: [],
  scheduled: ['implement', 'canceled'],
  implement: ['review'],
  review: ['closed'],
  closed: [],
  canceled: [],
};
