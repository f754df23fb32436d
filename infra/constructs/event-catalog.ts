import { readFileSync } from 'node:fs';
import { CfnRegistry, CfnSchema } from 'aws-cdk-lib/aws-eventschemas';
import { Construct } from 'constructs';
import {
  type DetailType,
  detailTypeDescriptions,
  detailTypes,
  eventSchemaFile,
  registrySchemaName,
} from '#schemas/events.ts';
import { pascalCase } from './naming.ts';

/** The committed schema files (`npm run events:schemas` writes them). */
const schemaDirectory = new URL('../../docs/events/', import.meta.url);

/**
 * The committed JSON Schema of a detail-type's `detail`, minified for the template.
 * @example committedEventSchema('Incident Created') // '{"$schema":"http://json-schema.org/draft-04/schema#",...}'
 */
export const committedEventSchema = (detailType: DetailType): string =>
  JSON.stringify(JSON.parse(readFileSync(new URL(eventSchemaFile(detailType), schemaDirectory), 'utf8')));

/**
 * The outbound event catalog in an EventBridge schema registry: one `JSONSchemaDraft4` schema per
 * detail-type (`opsdesk@IncidentCreated`, ...), from the committed files in docs/events, so
 * consumers find and download code bindings where they find AWS's own event schemas.
 *
 * @example
 * const catalog = new OpsDeskEventCatalog(this, 'EventCatalog');
 * catalog.registry.attrRegistryName; // where consumers look the schemas up
 */
export class OpsDeskEventCatalog extends Construct {
  public readonly registry: CfnRegistry;
  public readonly schemas: Readonly<Record<DetailType, CfnSchema>>;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.registry = new CfnRegistry(this, 'Registry', {
      description: 'OpsDesk outbound events (source opsdesk): the detail of each detail-type',
    });
    const schemas = {} as Record<DetailType, CfnSchema>;
    for (const detailType of detailTypes)
      schemas[detailType] = new CfnSchema(this, pascalCase(detailType), {
        registryName: this.registry.attrRegistryName,
        schemaName: registrySchemaName(detailType),
        type: 'JSONSchemaDraft4',
        description: detailTypeDescriptions[detailType],
        content: committedEventSchema(detailType),
      });
    this.schemas = schemas;
  }
}
