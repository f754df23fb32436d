import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { pascalCase } from './naming.ts';

const period = Duration.minutes(1);

interface AlarmRule {
  metric: IMetric;
  description: string;
  threshold: number;
  comparison: ComparisonOperator;
}

/**
 * Alarms on OpsDesk's own health: any function error or throttle, any message in the dead-letter
 * queue, any 5xx from the API, and a stream consumer falling behind. Every alarm notifies the
 * optional topic.
 *
 * @example
 * const alarms = new PlatformHealthAlarms(this, 'Alarms', { alarmTopic });
 * alarms.watchFunction('incidents-api', fn);
 */
export class PlatformHealthAlarms extends Construct {
  public readonly alarms: Alarm[] = [];
  private readonly alarmTopic?: ITopic;

  constructor(scope: Construct, id: string, props: { alarmTopic?: ITopic }) {
    super(scope, id);
    this.alarmTopic = props.alarmTopic;
  }

  public watchFunction(name: string, handler: IFunction, options: { stream: boolean }): void {
    const id = pascalCase(name);
    this.add(`${id}Errors`, {
      metric: handler.metricErrors({ period, statistic: 'Sum' }),
      description: `OpsDesk ${name}: the function failed at least once`,
      threshold: 0,
      comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
    });
    this.add(`${id}Throttles`, {
      metric: handler.metricThrottles({ period, statistic: 'Sum' }),
      description: `OpsDesk ${name}: the function was throttled`,
      threshold: 0,
      comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
    });
    if (options.stream) {
      this.add(`${id}IteratorAge`, {
        metric: handler.metric('IteratorAge', { period, statistic: 'Maximum' }),
        description: `OpsDesk ${name}: stream records wait more than 5 minutes to be processed`,
        threshold: 300_000,
        comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
      });
    }
  }

  public watchDeadLetterQueue(queue: IQueue): void {
    this.add('DeadLetterQueueMessages', {
      metric: queue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
      description: 'OpsDesk: undelivered events or outbox records are waiting in the dead-letter queue',
      threshold: 1,
      comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
  }

  public watchHttpApi(httpApi: HttpApi): void {
    this.add('Api5xx', {
      metric: httpApi.metricServerError({ period, statistic: 'Sum' }),
      description: 'OpsDesk: the API answered with a 5xx, which is always a defect',
      threshold: 1,
      comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
  }

  private add(id: string, rule: AlarmRule): void {
    const alarm = new Alarm(this, id, {
      metric: rule.metric,
      alarmDescription: rule.description,
      threshold: rule.threshold,
      comparisonOperator: rule.comparison,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    if (this.alarmTopic) alarm.addAlarmAction(new SnsAction(this.alarmTopic));
    this.alarms.push(alarm);
  }
}
