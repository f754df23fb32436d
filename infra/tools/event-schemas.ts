import * as z from 'zod/mini';
import {
  type DetailType,
  detailTypeDescriptions,
  detailTypes,
  eventDetailSchemas,
  eventSchemaFile,
  eventSource,
} from '#schemas/events.ts';

/** Where the committed schema files live, relative to the repository. */
export const eventSchemaDirectory = 'docs/events';

/** One committed schema file: its detail-type, file name and JSON text. */
export interface EventSchemaFile {
  detailType: DetailType;
  file: string;
  content: string;
}

/**
 * The JSON Schema (draft-04, which the EventBridge schema registry takes as `JSONSchemaDraft4`) of
 * one detail-type's `detail`: what a consumer's code generator reads. Objects are left open
 * (`io: 'input'` sets no `additionalProperties: false`), so new fields never break a consumer.
 * @example eventDetailJsonSchema('Incident Created').title // 'Incident Created'
 */
export const eventDetailJsonSchema = (detailType: DetailType): Record<string, unknown> => {
  const { $schema, ...schema } = z.toJSONSchema(eventDetailSchemas[detailType], {
    target: 'draft-04',
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return {
    $schema,
    title: detailType,
    description: `The detail of \`${detailType}\` events (source \`${eventSource}\`). ${detailTypeDescriptions[detailType]}`,
    ...schema,
  };
};

/**
 * Every detail-type's schema file as `npm run events:schemas` writes it.
 * @example eventSchemaFiles().map((file) => file.file) // ['incident-created.json', ...]
 */
export const eventSchemaFiles = (): EventSchemaFile[] =>
  detailTypes.map((detailType) => ({
    detailType,
    file: eventSchemaFile(detailType),
    content: `${JSON.stringify(eventDetailJsonSchema(detailType), null, 2)}\n`,
  }));
