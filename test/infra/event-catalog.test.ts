import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Duration } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventSchemaDirectory } from '#infra/tools/event-schemas.ts';
import { detailTypes, eventSchemaFile, registrySchemaName } from '#schemas/events.ts';
import { type SynthesizedOpsDesk, synthesizeOpsDesk } from './support/synth.ts';
import { resourcesOfType } from './support/template-views.ts';

const root = join(import.meta.dirname, '../..');

let synthesized: SynthesizedOpsDesk;
/** The same construct with a longer archive retention. */
let longArchive: SynthesizedOpsDesk;

beforeAll(() => {
  synthesized = synthesizeOpsDesk({ bundle: false });
  longArchive = synthesizeOpsDesk({ bundle: false, opsDesk: { archiveRetention: Duration.days(365) } });
});

afterAll(() => {
  synthesized?.dispose();
  longArchive?.dispose();
});

describe('schema registry', () => {
  it('registers one registry for the platform events', () => {
    synthesized.template.resourceCountIs('AWS::EventSchemas::Registry', 1);
  });

  it('holds one JSONSchemaDraft4 schema per detail-type, with the committed file as its content', () => {
    // Prepare
    const [registryId] = Object.keys(resourcesOfType(synthesized.template, 'AWS::EventSchemas::Registry'));
    const schemas = Object.values(resourcesOfType(synthesized.template, 'AWS::EventSchemas::Schema'));
    // Assess
    expect(schemas).toHaveLength(detailTypes.length);
    for (const detailType of detailTypes) {
      const schema = schemas.find((each) => each.Properties?.SchemaName === registrySchemaName(detailType));
      const committed = readFileSync(join(root, eventSchemaDirectory, eventSchemaFile(detailType)), 'utf8');
      expect(schema?.Properties, detailType).toMatchObject({
        RegistryName: { 'Fn::GetAtt': [registryId, 'RegistryName'] },
        Type: 'JSONSchemaDraft4',
        Description: expect.any(String),
      });
      expect(JSON.parse(String(schema?.Properties?.Content)), detailType).toEqual(JSON.parse(committed));
    }
  });

  it('names schemas as EventBridge names discovered ones, within the API limits', () => {
    for (const detailType of detailTypes) {
      expect(registrySchemaName(detailType)).toMatch(/^opsdesk@[A-Za-z]+$/);
      expect(registrySchemaName(detailType).length).toBeLessThanOrEqual(385);
    }
    for (const schema of Object.values(resourcesOfType(synthesized.template, 'AWS::EventSchemas::Schema'))) {
      expect(String(schema.Properties?.Content).length).toBeLessThanOrEqual(100_000);
      expect(String(schema.Properties?.Description).length).toBeLessThanOrEqual(256);
    }
  });

  it('keeps the template within what CloudFormation deploys (1 MB from S3)', () => {
    expect(JSON.stringify(synthesized.template.toJSON()).length).toBeLessThan(1_000_000);
  });
});

describe('platform bus archive', () => {
  const archiveOf = (template: SynthesizedOpsDesk['template']) => {
    const [busId] = Object.keys(resourcesOfType(template, 'AWS::Events::EventBus'));
    const archives = Object.values(resourcesOfType(template, 'AWS::Events::Archive'));
    expect(archives).toHaveLength(1);
    return { busId, archive: archives[0]?.Properties ?? {} };
  };

  it('archives every platform event for replay, 30 days by default', () => {
    const { busId, archive } = archiveOf(synthesized.template);
    expect(archive).toMatchObject({ SourceArn: { 'Fn::GetAtt': [busId, 'Arn'] }, RetentionDays: 30 });
    // Every event the bus takes (the pattern only narrows to the stack's own account)
    expect(archive.EventPattern).toEqual({ account: [synthesized.stack.account] });
  });

  it('takes its retention from the archiveRetention prop', () => {
    expect(archiveOf(longArchive.template).archive.RetentionDays).toBe(365);
  });
});
