import { loadavg } from 'node:os';
import { type CloudWatchClient, PutMetricDataCommand, type StandardUnit } from '@aws-sdk/client-cloudwatch';
import type { GatewayObserver } from './http-gateway.ts';

/**
 * The runner watches itself: every minute it publishes host and API metrics (CPU, memory,
 * request count, 5xx count, latency) to the local CloudWatch under `OpsDesk/LocalRunner`, so a
 * fresh `npm start` has a metric source for the operations features.
 */
export class SelfMonitoring implements GatewayObserver {
  private latencies: number[] = [];
  private errors = 0;
  private timer: NodeJS.Timeout | undefined;
  private lastCpu = process.cpuUsage();
  private lastAt = performance.now();

  constructor(private readonly cloudwatch: CloudWatchClient) {}

  onResponse(status: number, latencyMs: number): void {
    this.latencies.push(latencyMs);
    if (status >= 500) this.errors++;
  }

  start(periodMs = 60_000): void {
    this.timer = setInterval(() => void this.publish().catch(() => undefined), periodMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Publishes one sample; `at` back-dates it (tests fill past minutes with this machine's figures). */
  async publish(at?: Date): Promise<void> {
    const cpu = process.cpuUsage(this.lastCpu);
    const elapsedMs = performance.now() - this.lastAt;
    this.lastCpu = process.cpuUsage();
    this.lastAt = performance.now();
    const sorted = this.latencies.sort((a, b) => a - b);
    const p99 =
      sorted.length > 0 ? (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0) : 0;
    const datum = (name: string, value: number, unit: StandardUnit) => ({
      MetricName: name,
      Value: value,
      Unit: unit,
      Dimensions: [{ Name: 'Host', Value: 'local' }],
      ...(at ? { Timestamp: at } : {}),
    });
    const data = [
      datum('CPUUtilization', (100 * (cpu.user + cpu.system)) / 1000 / Math.max(elapsedMs, 1), 'Percent'),
      datum('LoadAverage', loadavg()[0] ?? 0, 'None'),
      datum('MemoryUsed', process.memoryUsage().rss, 'Bytes'),
      datum('RequestCount', sorted.length, 'Count'),
      datum('ServerErrors', this.errors, 'Count'),
      datum('LatencyP99', p99, 'Milliseconds'),
    ];
    this.latencies = [];
    this.errors = 0;
    await this.cloudwatch.send(
      new PutMetricDataCommand({ Namespace: 'OpsDesk/LocalRunner', MetricData: data }),
    );
  }
}
