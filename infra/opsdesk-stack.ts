import { App, type AppProps, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { Construct } from 'constructs';
import { OpsDesk, type OpsDeskProps } from './opsdesk.ts';

export interface OpsDeskStackProps extends StackProps {
  opsDesk?: OpsDeskProps;
}

/**
 * A stack holding one OpsDesk.
 *
 * @example
 * new OpsDeskStack(app, 'OpsDesk', { env: { account: '123456789012', region: 'eu-west-1' } });
 */
export class OpsDeskStack extends Stack {
  public readonly opsDesk: OpsDesk;

  constructor(scope: Construct, id: string, props: OpsDeskStackProps = {}) {
    super(scope, id, { description: 'OpsDesk: ITSM and ITOM on AWS serverless', ...props });
    this.opsDesk = new OpsDesk(this, 'OpsDesk', props.opsDesk);
  }
}

export interface OpsDeskAppOptions extends AppProps {
  /** Run the cdk-nag AwsSolutions and Serverless checks at synthesis. @default true */
  nag?: boolean;
  opsDesk?: OpsDeskProps;
}

/**
 * The OpsDesk CDK app: one stack with an explicit environment (no context lookups, so synthesis
 * works offline) and the cdk-nag AwsSolutions and Serverless checks, which fail synthesis on any
 * unacknowledged finding. `infra/app.ts` runs it; the infra tests build it the same way.
 *
 * @example
 * const { app, stack } = createOpsDeskApp({ outdir: 'cdk.out' });
 */
export const createOpsDeskApp = (options: OpsDeskAppOptions = {}): { app: App; stack: OpsDeskStack } => {
  const { nag = true, opsDesk, ...appProps } = options;
  const app = new App(appProps);
  const stack = new OpsDeskStack(app, 'OpsDesk', {
    env: {
      account: process.env.CDK_DEFAULT_ACCOUNT ?? '123456789012',
      region: process.env.CDK_DEFAULT_REGION ?? 'eu-west-1',
    },
    opsDesk,
  });
  if (nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return { app, stack };
};
