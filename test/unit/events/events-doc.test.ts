import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventSchemaFiles } from '#infra/tools/event-schemas.ts';
import { detailTypes, eventSchemaFile, eventSource } from '#schemas/events.ts';

type JsonSchema = { properties?: Record<string, JsonSchema>; items?: JsonSchema; oneOf?: JsonSchema[] };

const doc = readFileSync(join(import.meta.dirname, '../../../docs/events.md'), 'utf8');

/** The text of each `## <detail-type>` section. */
const sections = new Map(
  doc
    .split(/^## /m)
    .slice(1)
    .map((section) => [section.slice(0, section.indexOf('\n')).trim(), section] as const),
);

/**
 * The field paths a pattern names that the schema does not have (arrays are matched element by
 * element, as EventBridge does; an SLA event's schema is one object per record type).
 */
const unknownPaths = (pattern: Record<string, unknown>, schema: JsonSchema, path = 'detail'): string[] =>
  Object.entries(pattern).flatMap(([key, value]) => {
    const variants = schema.oneOf ?? [schema];
    const field = variants.map((variant) => variant.properties?.[key]).find(Boolean);
    if (!field) return [`${path}.${key}`];
    if (Array.isArray(value)) return [];
    return unknownPaths(value as Record<string, unknown>, field.items ?? field, `${path}.${key}`);
  });

describe('docs/events.md', () => {
  it('has one entry per detail-type, linking its committed schema', () => {
    for (const detailType of detailTypes) {
      const section = sections.get(detailType);
      expect(section, `no "## ${detailType}" entry`).toBeDefined();
      expect(section).toContain(`(events/${eventSchemaFile(detailType)})`);
      expect(section).toMatch(/\*\*When:\*\*/);
    }
  });

  it("gives each entry a rule pattern for its own detail-type, on fields the detail's schema has", () => {
    for (const { detailType, content } of eventSchemaFiles()) {
      // Prepare
      const block = /```json\n([\s\S]*?)```/.exec(sections.get(detailType) ?? '')?.[1];
      expect(block, `no pattern for ${detailType}`).toBeDefined();
      // Act
      const pattern = JSON.parse(block ?? '{}') as Record<string, unknown>;
      // Assess
      expect(pattern.source).toEqual([eventSource]);
      expect(pattern['detail-type']).toEqual([detailType]);
      expect(
        unknownPaths((pattern.detail ?? {}) as Record<string, unknown>, JSON.parse(content) as JsonSchema),
      ).toEqual([]);
    }
  });
});
