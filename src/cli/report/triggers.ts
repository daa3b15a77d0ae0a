import { EntryPoint, isFunctionUrlPermission, isUnscopedPublicPermission } from './entry-points';
import { ModelResource, ofType, TemplateModel } from './template-model';
import { describeValue } from './values';
import { servicePrincipalsOf } from '../../checks/policy-document';
import { asList, refersTo } from '../../policy/template-json';

/** Something that invokes a function. */
export interface Trigger {
  /** `entry-point`, `event-source-mapping`, `sns-subscription`, `eventbridge-rule`, `s3-notification`, `custom-resource` or `permission`. */
  readonly kind: string;
  /** What invokes it, as a reviewer reads it. */
  readonly description: string;
  /** The logical ids of the template resources the trigger reads from (queue, topic, bucket, rule…). */
  readonly sources: readonly string[];
}

/** Everything in the template that invokes the function. */
export function triggersOf(model: TemplateModel, fn: ModelResource, entryPoints: readonly EntryPoint[]): Trigger[] {
  const id = fn.logicalId;
  const sourcesOf = (value: unknown) => model.resources
    .filter(resource => resource.logicalId !== id && refersTo(value, resource.logicalId))
    .map(resource => resource.logicalId);
  const triggers: Trigger[] = entryPoints
    .filter(entry => entry.functions.includes(id))
    .map(entry => ({ kind: 'entry-point', description: `${entry.name}, authentication ${entry.authentication}`, sources: [entry.logicalId] }));

  for (const mapping of ofType(model, 'AWS::Lambda::EventSourceMapping').filter(candidate => refersTo(candidate.properties.FunctionName, id))) {
    const source = mapping.properties.EventSourceArn ?? mapping.properties.SelfManagedEventSource;
    const cap = mapping.properties.ScalingConfig?.MaximumConcurrency;
    triggers.push({
      kind: 'event-source-mapping',
      description: `event source mapping from ${describeValue(source)}${mapping.properties.BatchSize ? `, batch ${describeValue(mapping.properties.BatchSize)}` : ''}${cap ? `, at most ${describeValue(cap)} concurrent` : ''}`,
      sources: sourcesOf(source),
    });
  }
  for (const subscription of ofType(model, 'AWS::SNS::Subscription').filter(candidate => candidate.properties.Protocol === 'lambda' && refersTo(candidate.properties.Endpoint, id))) {
    triggers.push({ kind: 'sns-subscription', description: `SNS topic ${describeValue(subscription.properties.TopicArn)}`, sources: sourcesOf(subscription.properties.TopicArn) });
  }
  for (const rule of ofType(model, 'AWS::Events::Rule').filter(candidate => asList(candidate.properties.Targets as Array<{ Arn?: unknown }>).some(target => refersTo(target?.Arn, id)))) {
    const what = rule.properties.ScheduleExpression ? `schedule ${describeValue(rule.properties.ScheduleExpression)}` : 'event pattern';
    triggers.push({ kind: 'eventbridge-rule', description: `EventBridge rule ${rule.logicalId} (${what})`, sources: [rule.logicalId] });
  }
  for (const notifications of ofType(model, 'Custom::S3BucketNotifications')) {
    type Configuration = { LambdaFunctionArn?: unknown; Events?: unknown };
    const configurations = asList(notifications.properties.NotificationConfiguration?.LambdaFunctionConfigurations as Configuration[]);
    for (const configuration of configurations.filter(candidate => refersTo(candidate?.LambdaFunctionArn, id))) {
      triggers.push({ kind: 's3-notification', description: `S3 bucket ${describeValue(notifications.properties.BucketName)} (${asList(configuration.Events as unknown[]).map(describeValue).join(', ')})`, sources: sourcesOf(notifications.properties.BucketName) });
    }
  }
  for (const bucket of ofType(model, 'AWS::S3::Bucket')) {
    type Configuration = { Function?: unknown; Event?: unknown };
    const configurations = asList(bucket.properties.NotificationConfiguration?.LambdaConfigurations as Configuration[]);
    for (const configuration of configurations.filter(candidate => refersTo(candidate?.Function, id))) {
      triggers.push({ kind: 's3-notification', description: `S3 bucket \${${bucket.logicalId}} (${describeValue(configuration.Event)})`, sources: [bucket.logicalId] });
    }
  }
  for (const custom of model.resources.filter(resource => (resource.type.startsWith('Custom::') || resource.type === 'AWS::CloudFormation::CustomResource')
    && refersTo(resource.properties.ServiceToken, id))) {
    triggers.push({ kind: 'custom-resource', description: `CloudFormation, for the custom resource ${custom.logicalId} (${custom.type})`, sources: [custom.logicalId] });
  }
  // Permissions say who may invoke; the ones behind entry points and subscriptions are already listed.
  const listed = new Set(triggers.flatMap(trigger => trigger.sources));
  for (const permission of ofType(model, 'AWS::Lambda::Permission').filter(candidate => refersTo(candidate.properties.FunctionName, id))) {
    const sources = sourcesOf(permission.properties.SourceArn);
    const publicEntry = isUnscopedPublicPermission(permission) && triggers.some(trigger => trigger.sources.includes(permission.logicalId));
    if (isFunctionUrlPermission(permission) || publicEntry || (sources.length > 0 && sources.every(source => listed.has(source)))) {
      continue;
    }
    const principal = servicePrincipalsOf(permission.properties.Principal).join(', ') || describeValue(permission.properties.Principal);
    const from = permission.properties.SourceArn !== undefined ? ` from ${describeValue(permission.properties.SourceArn)}`
      : permission.properties.SourceAccount !== undefined ? ` in account ${describeValue(permission.properties.SourceAccount)}` : '';
    triggers.push({ kind: 'permission', description: `${principal} may invoke${from}`, sources });
  }
  return triggers;
}
