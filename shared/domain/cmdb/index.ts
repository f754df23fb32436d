// TEMPORARY NOTE FROM THE LEAD to the engineer implementing the CMDB (issue 5): your brief lost a section. Read /tmp/common.md NOW and follow it (no git commands that change state; shared-file editing rules; bench/README rules). The lead removes this note.
export * from './ci-health.ts';
export * from './config-attributes.ts';
export * from './config-discovery.ts';
export * from './config-relationships.ts';
export * from './config-resource-types.ts';
export * from './configuration-item.ts';
export * from './discovered-edges.ts';
export * from './health-propagation.ts';
export * from './impact-walk.ts';
export * from './in-memory-walk.ts';
export * from './manual-edit.ts';
export * from './reconciliation.ts';
export * from './relationship.ts';
