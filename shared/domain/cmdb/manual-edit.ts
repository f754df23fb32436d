import type { AttributeValue } from './configuration-item.ts';
import type { DiscoveryState } from './reconciliation.ts';

/**
 * A person's attribute edit (`PATCH /cis/{id}` attributes, validated by `validateCiPatch`):
 * every value set becomes owned by `manual`, so discovery never overwrites it again. `null`
 * removes the attribute and its owner, so discovery may bring it back on its next item.
 * @example
 * manualEdit({ attributes: { instanceType: 't3.micro' }, attributeSources: { instanceType: 'discovery' }, status: 'active' },
 *   { instanceType: 't3.large' }).state.attributeSources // { instanceType: 'manual' }
 */
export const manualEdit = (
  existing: DiscoveryState,
  patch: Readonly<Record<string, AttributeValue | null>>,
): { state: DiscoveryState; changes: string[] } => {
  const attributes = { ...existing.attributes };
  const attributeSources = { ...existing.attributeSources };
  const changes: string[] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      if (!(key in attributes)) continue;
      delete attributes[key];
      delete attributeSources[key];
    } else {
      attributes[key] = value;
      attributeSources[key] = 'manual';
    }
    changes.push(`attributes.${key}`);
  }
  return { state: { ...existing, attributes, attributeSources }, changes };
};
