import { Duration, Stack } from 'aws-cdk-lib';
import { EventBus, type IEventBus, Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { BusName, FunctionSpec } from '#functions/manifest.ts';
import { pascalCase, ruleDescription, scheduleDescription } from './naming.ts';

export interface OpsDeskEventRoutingProps {
  eventBusName?: string;
  deadLetterQueue: IQueue;
  /** How long the platform bus archive keeps events. */
  archiveRetention?: Duration;
}

/** Delivery policy for every rule target: retried, bounded in age, then parked in the DLQ. */
const deliveryRetryAttempts = 8;
const deliveryMaxEventAge = Duration.hours(2);

/**
 * The platform event bus (with an archive for replay) and the EventBridge rules of the manifest:
 * schedules and event patterns, each targeting its function with retries and a dead-letter queue.
 * Rules on `bus: 'default'` listen to AWS service events on the account's default bus.
 *
 * @example
 * const routing = new OpsDeskEventRouting(this, 'Events', { deadLetterQueue });
 * routing.addFunctionTriggers(spec, fn);
 */
export class OpsDeskEventRouting extends Construct {
  public readonly eventBus: EventBus;
  private readonly deadLetterQueue: IQueue;

  constructor(scope: Construct, id: string, props: OpsDeskEventRoutingProps) {
    super(scope, id);
    this.deadLetterQueue = props.deadLetterQueue;
    this.eventBus = new EventBus(this, 'PlatformBus', {
      eventBusName: props.eventBusName,
      description: 'OpsDesk platform events: inbound commands and outbound record events',
    });
    this.eventBus.archive('Archive', {
      description: 'Every OpsDesk platform event, for replay',
      eventPattern: { account: [Stack.of(this).account] },
      retention: props.archiveRetention ?? Duration.days(30),
    });
  }

  /** Adds the function's manifest schedules and event rules. */
  public addFunctionTriggers(spec: FunctionSpec, handler: IFunction): Rule[] {
    const id = pascalCase(spec.name);
    const schedules = (spec.schedules ?? []).map(
      (schedule) =>
        new Rule(this, `${id}Schedule${pascalCase(schedule.name)}`, {
          description: scheduleDescription(spec.name, schedule.name),
          schedule: Schedule.expression(schedule.expression),
          targets: [this.target(handler)],
        }),
    );
    const rules = (spec.rules ?? []).map(
      (rule) =>
        new Rule(this, `${id}Rule${pascalCase(rule.name)}`, {
          description: ruleDescription(spec.name, rule.name),
          eventBus: this.bus(rule.bus),
          eventPattern: { source: rule.pattern.source, detailType: rule.pattern['detail-type'] },
          targets: [this.target(handler)],
        }),
    );
    return [...schedules, ...rules];
  }

  /** `undefined` puts the rule on the account's default bus. */
  private bus(name: BusName): IEventBus | undefined {
    return name === 'platform' ? this.eventBus : undefined;
  }

  private target(handler: IFunction): LambdaFunction {
    return new LambdaFunction(handler, {
      retryAttempts: deliveryRetryAttempts,
      maxEventAge: deliveryMaxEventAge,
      deadLetterQueue: this.deadLetterQueue,
    });
  }
}
