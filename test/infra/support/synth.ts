import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { OpsDeskProps } from '#infra/opsdesk.ts';
import { createOpsDeskApp, type OpsDeskStack } from '#infra/opsdesk-stack.ts';

export interface SynthesizedOpsDesk {
  app: App;
  stack: OpsDeskStack;
  template: Template;
  /** The cloud assembly directory: templates and bundled assets. */
  outdir: string;
  /** Removes the cloud assembly directory. */
  dispose: () => void;
}

export interface SynthesizeOptions {
  opsDesk?: OpsDeskProps;
  /** Run the cdk-nag AwsSolutions checks during synthesis. @default false */
  nag?: boolean;
  /** Bundle the functions with esbuild; off skips bundling for speed (assets are placeholders). @default true */
  bundle?: boolean;
}

/**
 * Builds the OpsDesk app exactly as `infra/app.ts` does and synthesizes it into a temporary cloud
 * assembly. Bundling runs esbuild per function, so call it once per test file, in `beforeAll`.
 *
 * @example
 * let synthesized: SynthesizedOpsDesk;
 * beforeAll(() => { synthesized = synthesizeOpsDesk(); });
 * afterAll(() => synthesized.dispose());
 */
export const synthesizeOpsDesk = (options: SynthesizeOptions = {}): SynthesizedOpsDesk => {
  const outdir = mkdtempSync(join(tmpdir(), 'opsdesk-cdk-'));
  const dispose = () => rmSync(outdir, { recursive: true, force: true });
  try {
    const { app, stack } = createOpsDeskApp({
      outdir,
      nag: options.nag ?? false,
      opsDesk: options.opsDesk,
      // An empty list of stacks to bundle makes the CDK skip esbuild and stage placeholder assets.
      context: options.bundle === false ? { 'aws:cdk:bundling-stacks': [] } : undefined,
    });
    app.synth();
    return { app, stack, template: Template.fromStack(stack), outdir, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
};
