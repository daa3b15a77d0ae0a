import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { WAF_MANAGED_RULE_GROUPS } from './defaults';

/** What the web ACL of an API is made from. */
export interface ApiWebAclOptions {
  /** Requests from one IP address in 5 minutes before the rate-based rule blocks it. */
  readonly rateLimit: number;
  /** The key that encrypts the web ACL's log group. */
  readonly encryptionKey: kms.IKey;
  /** How long the log group keeps the records of blocked requests. */
  readonly logRetention: logs.RetentionDays;
}

/** The headers WAF logs never contain: credentials and session cookies. */
const REDACTED_HEADERS = ['authorization', 'cookie', 'x-api-key'];

/**
 * A regional AWS WAF web ACL for an API Gateway stage: the three baseline AWS managed rule
 * groups and a rate-based rule per client IP address, logging the requests it blocks or counts
 * (not every request: the API's access logs have those) to an encrypted, retained log group,
 * with credentials redacted.
 *
 * At the list prices of 2026: $5 a month for the web ACL, $1 a month for each of its four rules
 * (a managed rule group counts as one), $0.60 per million requests inspected; the managed groups
 * use about 930 of the 1,500 capacity units included in that price.
 */
export class ApiWebAcl extends Construct {
  public readonly webAcl: wafv2.CfnWebACL;
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, options: ApiWebAclOptions) {
    super(scope, id);
    const metricPrefix = this.node.addr.slice(0, 8);
    const visibility = (name: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName: `${name}-${metricPrefix}`,
    });
    const managedRules: wafv2.CfnWebACL.RuleProperty[] = WAF_MANAGED_RULE_GROUPS.map((name, index) => ({
      name,
      priority: index,
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
      overrideAction: { none: {} },
      visibilityConfig: visibility(name),
    }));
    const rateRule: wafv2.CfnWebACL.RuleProperty = {
      name: 'RateLimitPerIp',
      priority: managedRules.length,
      statement: { rateBasedStatement: { limit: options.rateLimit, aggregateKeyType: 'IP', evaluationWindowSec: 300 } },
      action: { block: {} },
      visibilityConfig: visibility('RateLimitPerIp'),
    };
    this.webAcl = new wafv2.CfnWebACL(this, 'Resource', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      description: `Protects the API ${scope.node.path}`,
      rules: [...managedRules, rateRule],
      visibilityConfig: visibility('WebAcl'),
    });

    // AWS WAF delivers logs only to log groups whose name starts with `aws-waf-logs-`.
    const logGroupName = `aws-waf-logs-${this.node.addr}`;
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName,
      retention: options.logRetention,
      encryptionKey: options.encryptionKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new wafv2.CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      // The log group's ARN without the `:*` that `logGroup.logGroupArn` ends with, which WAF refuses.
      logDestinationConfigs: [Stack.of(this).formatArn({
        service: 'logs', resource: 'log-group', resourceName: logGroupName, arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      })],
      redactedFields: REDACTED_HEADERS.map(name => ({ singleHeader: { Name: name } })),
      // The L1 types LoggingFilter as `any` and renders it verbatim: CloudFormation's own casing.
      loggingFilter: {
        DefaultBehavior: 'DROP',
        Filters: [{
          Behavior: 'KEEP',
          Requirement: 'MEETS_ANY',
          Conditions: ['BLOCK', 'COUNT', 'CAPTCHA', 'CHALLENGE', 'EXCLUDED_AS_COUNT'].map(action => ({ ActionCondition: { Action: action } })),
        }],
      },
    });
  }
}
