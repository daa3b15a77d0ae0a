import { actionsInTables, servicePrefixOf } from '../../../src/policy/code/sdk-actions';
import { findAction, isKnownService } from '../../../src/policy/iam/catalogue';
import { CORPUS } from '../../fixtures/code-usage/corpus';

/**
 * The handler-code analysis names IAM actions from its own tables and from the rule that an SDK
 * operation `X` of service `svc` needs `svc:X`. The IAM catalogue (AWS's Service Authorization
 * Reference) holds them to account: an action it does not know is a permission no policy can grant.
 */
describe('the actions the handler-code analysis names exist in the IAM catalogue', () => {
  test('every action of its operation tables', () => {
    expect(actionsInTables().filter(action => findAction(action) === undefined)).toEqual([]);
  });

  test('every service prefix it maps an SDK package to', () => {
    const packages = ['client-s3', 'client-dynamodb', 'lib-dynamodb', 'client-sqs', 'client-sns', 'client-secrets-manager', 'client-ssm',
      'client-kms', 'client-cloudwatch-logs', 'client-eventbridge', 'client-sfn', 'client-lambda', 'client-kinesis', 'client-firehose',
      'client-cognito-identity-provider', 'client-bedrock-runtime', 'client-sesv2', 'client-dynamodb-streams', 'credential-providers',
      'powertools-ssm', 'powertools-secrets', 'powertools-appconfig', 'lib-storage', 's3-presigned-post'];
    expect(packages.filter(sdkPackage => !isKnownService(servicePrefixOf(sdkPackage)))).toEqual([]);
  });

  test('every action the labelled corpus of handlers needs', () => {
    const actions = [...new Set(CORPUS.flatMap(handler => handler.actions))];
    expect(actions.length).toBeGreaterThan(20);
    expect(actions.filter(action => findAction(action) === undefined)).toEqual([]);
  });
});
