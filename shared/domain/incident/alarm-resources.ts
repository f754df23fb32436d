/** Where an alarm was raised: its account and region, for ARNs built from metric dimensions. */
export interface AlarmOrigin {
  account: string;
  region: string;
}

/** The ARN of the resource a metric dimension names, per dimension (AWS namespaces' own keys). */
const arnOfDimension: Record<string, (value: string, origin: AlarmOrigin) => string> = {
  InstanceId: (id, { region, account }) => `arn:aws:ec2:${region}:${account}:instance/${id}`,
  DBInstanceIdentifier: (id, { region, account }) => `arn:aws:rds:${region}:${account}:db:${id}`,
  DBClusterIdentifier: (id, { region, account }) => `arn:aws:rds:${region}:${account}:cluster:${id}`,
  FunctionName: (name, { region, account }) => `arn:aws:lambda:${region}:${account}:function:${name}`,
  TableName: (name, { region, account }) => `arn:aws:dynamodb:${region}:${account}:table/${name}`,
  QueueName: (name, { region, account }) => `arn:aws:sqs:${region}:${account}:${name}`,
  LoadBalancer: (name, { region, account }) =>
    `arn:aws:elasticloadbalancing:${region}:${account}:loadbalancer/${name}`,
  TargetGroup: (name, { region, account }) => `arn:aws:elasticloadbalancing:${region}:${account}:${name}`,
  BucketName: (name) => `arn:aws:s3:::${name}`,
  TopicName: (name, { region, account }) => `arn:aws:sns:${region}:${account}:${name}`,
  StateMachineArn: (arn) => arn,
  ClusterName: (name, { region, account }) => `arn:aws:ecs:${region}:${account}:cluster/${name}`,
  CacheClusterId: (id, { region, account }) => `arn:aws:elasticache:${region}:${account}:cluster:${id}`,
};

/**
 * The external ids that may name an alarm's CI, most specific first (README, Alarms to
 * incidents): the event's resources other than the alarm itself, then for each metric dimension
 * the resource's ARN (`InstanceId` → `arn:aws:ec2:…:instance/i-…`, `FunctionName`, `TableName`,
 * `QueueName`, `DBInstanceIdentifier`, `LoadBalancer`, …) and the dimension's bare value (a CI
 * registered by hand with `externalId: "i-0abc"`). Duplicates are left out.
 * @example
 * alarmExternalIds({ resources: [alarmArn], alarmArn, dimensions: [{ InstanceId: 'i-1' }], origin })
 * // ['arn:aws:ec2:eu-west-1:111122223333:instance/i-1', 'i-1']
 */
export const alarmExternalIds = (input: {
  resources: readonly string[];
  alarmArn: string;
  dimensions: ReadonlyArray<Record<string, string>>;
  origin: AlarmOrigin;
}): string[] => {
  const ids = input.resources.filter((resource) => resource !== input.alarmArn);
  for (const dimensions of input.dimensions)
    for (const [name, value] of Object.entries(dimensions)) {
      const arn = arnOfDimension[name]?.(value, input.origin);
      if (arn) ids.push(arn);
      ids.push(value);
    }
  // The alarm's own ARN last: a CI may stand for the alarm itself (a synthetic check).
  ids.push(input.alarmArn);
  return [...new Set(ids.filter((id) => id.length > 0))];
};
