import type { ChangePath } from './change-path.ts';

/** A normal change is assessed, authorized by approvals, then scheduled; canceled only before `implement`. */
export const normalPath: ChangePath = {
  new: ['assess', 'canceled'],
  assess: ['authorize', 'canceled'],
  authorize: ['scheduled', 'canceled'],
  scheduled: ['implement', 'canceled'],
  implement: ['review'],
  review: ['closed'],
  closed: [],
  canceled: [],
};
