/**
 * The single-table layout, shared by the CDK construct, the local runner and the DynamoDB adapters.
 *
 * Items are addressed by `pk`/`sk`. Ten overloaded global secondary indexes (`gsi1`..`gsi10`,
 * each with `gsiNpk`/`gsiNsk` string keys, all attributes projected) serve every list and sweep,
 * so nothing ever needs a Scan. `docs` in the README records which item uses which index.
 */
export const tableLayout = {
  partitionKey: 'pk',
  sortKey: 'sk',
  timeToLiveAttribute: 'expiresAt',
  /** Every item carries `entity` so stream filters and readers can tell items apart. */
  entityAttribute: 'entity',
  indexes: ['gsi1', 'gsi2', 'gsi3', 'gsi4', 'gsi5', 'gsi6', 'gsi7', 'gsi8', 'gsi9', 'gsi10'] as const,
} as const;

export type IndexName = (typeof tableLayout.indexes)[number];

export const indexKeys = (index: IndexName) => ({ pk: `${index}pk`, sk: `${index}sk` });
