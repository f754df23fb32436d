export { applyRequestChange } from './apply-request-change.ts';
export { openRequest } from './open-request.ts';
export { requestRules } from './request-rules.ts';
export { isAllowedRequestMove } from './rules/request-path.ts';
export * from './service-request.ts';
