import { NagMessageLevel } from 'cdk-nag/lib/nag-rules';
import LambdaAsyncFailureDestination from './LambdaAsyncFailureDestination';
import LambdaCodeSigning from './LambdaCodeSigning';
import LambdaDeprecatedRuntime from './LambdaDeprecatedRuntime';
import LambdaEnvironmentEncryption from './LambdaEnvironmentEncryption';
import LambdaEnvironmentSecrets from './LambdaEnvironmentSecrets';
import LambdaFunctionUrlAuth from './LambdaFunctionUrlAuth';
import LambdaLayerFromOtherAccount from './LambdaLayerFromOtherAccount';
import LambdaLayerPublicPermission from './LambdaLayerPublicPermission';
import LambdaLogGroup from './LambdaLogGroup';
import LambdaMissingPermission from './LambdaMissingPermission';
import LambdaPublicPermission from './LambdaPublicPermission';
import LambdaReservedConcurrency from './LambdaReservedConcurrency';
import LambdaRuntimeDeprecatingSoon from './LambdaRuntimeDeprecatingSoon';
import LambdaRuntimeNotLatest from './LambdaRuntimeNotLatest';
import LambdaServicePermissionWithoutSource from './LambdaServicePermissionWithoutSource';
import LambdaSharedRole from './LambdaSharedRole';
import LambdaStreamFailureDestination from './LambdaStreamFailureDestination';
import LambdaTracing from './LambdaTracing';
import LambdaUnusedPermission from './LambdaUnusedPermission';
import { deprecatedRuntimeDetail, deprecatingRuntimeDetail, notLatestRuntimeDetail } from './runtime-verdict';
import { RiskCategory } from '../../risk-category';
import { SecurityRule } from '../../security-rule';

/** The rules of AWS Lambda: functions, function URLs, permissions and event-source mappings. */
export const LAMBDA_RULES: SecurityRule[] = [
  {
    check: LambdaReservedConcurrency,
    resourceTypes: ['AWS::Lambda::Function'],
    risk: RiskCategory.BILLING_DOS,
    level: NagMessageLevel.ERROR,
    what: 'The Lambda function has no reserved-concurrency cap, or a cap above 1,000 (the default account concurrency quota, so it caps nothing): literal, in a branch of a condition, or as the default or an allowed value of the parameter it refers to.',
    why: 'Without a cap, whoever can trigger the function can scale it to the account\'s whole concurrency quota: a "billing denial of service" that also throttles every other function of the account.',
    fix: 'Use SecureFunction (capped at 10 unless reservedConcurrentExecutions says otherwise) or the SecureDefaults aspect, or set reservedConcurrentExecutions on lambda.Function.',
  },
  {
    check: LambdaEnvironmentSecrets,
    resourceTypes: ['AWS::Lambda::Function'],
    risk: RiskCategory.SECRETS,
    level: NagMessageLevel.ERROR,
    what: 'An environment variable of the Lambda function looks like a plaintext secret (the finding names the variable).',
    why: 'Environment variables are plaintext to anyone who can read the function\'s configuration, the template or cdk.out, and secrets kept there never rotate.',
    fix: 'Store the value in Secrets Manager (SecureSecret) and pass its ARN in the variable, read at run time with the SDK or the Parameters and Secrets Lambda extension; SecureFunction refuses such variables unless listed in nonSecretEnvironmentVariables. If it is no secret, acknowledge SecureServerless-LambdaEnvironmentSecrets[NAME] on the function.',
  },
  {
    check: LambdaFunctionUrlAuth,
    resourceTypes: ['AWS::Lambda::Url'],
    risk: RiskCategory.AUTHENTICATION,
    level: NagMessageLevel.ERROR,
    what: 'The Lambda function URL does not require authentication (AuthType NONE).',
    why: 'Anyone on the internet can invoke the function, with no throttling but its concurrency cap.',
    fix: 'Use authType FunctionUrlAuthType.AWS_IAM and sign requests, or put the function behind SecureApi or SecureHttpApi; SecureFunction only allows a public URL with allowPublicUrl set to the reason.',
  },
  {
    check: LambdaPublicPermission,
    resourceTypes: ['AWS::Lambda::Permission'],
    risk: RiskCategory.PUBLIC_ACCESS,
    level: NagMessageLevel.ERROR,
    what: 'A Lambda permission lets any principal (*) use the function, with no SourceArn, SourceAccount or PrincipalOrgID; a FunctionUrlAuthType NONE or InvokedViaFunctionUrl condition only leaves it to LambdaFunctionUrlAuth when the stack has a public URL for that function.',
    why: 'Anyone in any AWS account can invoke the function and run up its bill or feed it crafted events.',
    fix: 'Grant a specific principal (fn.grantInvoke(principal)), or add sourceArn, sourceAccount or organizationId to the permission; SecureFunction.addPermission refuses such a permission.',
  },
  {
    check: LambdaLayerPublicPermission,
    resourceTypes: ['AWS::Lambda::LayerVersionPermission'],
    risk: RiskCategory.PUBLIC_ACCESS,
    level: NagMessageLevel.ERROR,
    what: 'A Lambda layer version permission grants principal * without an OrganizationId.',
    why: 'Every AWS account can attach the layer to its functions and download its code, with whatever internal logic or configuration it bundles.',
    fix: 'Grant specific account ids (layer.addPermission with accountId), or keep * and set organizationId to your AWS Organization.',
  },
  {
    check: LambdaServicePermissionWithoutSource,
    resourceTypes: ['AWS::Lambda::Permission'],
    risk: RiskCategory.PUBLIC_ACCESS,
    level: NagMessageLevel.ERROR,
    what: 'A Lambda permission lets an AWS service principal invoke the function without SourceArn or SourceAccount.',
    why: 'Any resource of that service in any AWS account could invoke the function (the confused-deputy problem).',
    fix: 'Add sourceArn (the bucket, topic, rule… that invokes it) or at least sourceAccount to the lambda.Permission; SecureFunction.addPermission warns about such a permission.',
  },
  {
    check: LambdaSharedRole,
    resourceTypes: ['AWS::Lambda::Function'],
    risk: RiskCategory.LEAST_PRIVILEGE,
    level: NagMessageLevel.ERROR,
    what: 'The Lambda function shares its execution role with another function of the stack.',
    why: 'Each function holds the permissions of all of them, so one compromised function can do what any of them can.',
    fix: 'Give each function its own role: leave out the role prop of SecureFunction or lambda.Function, and grant each function only what it uses.',
  },
  {
    check: LambdaUnusedPermission,
    resourceTypes: ['AWS::Lambda::Function'],
    risk: RiskCategory.LEAST_PRIVILEGE,
    level: NagMessageLevel.WARN,
    what: 'The Lambda function\'s role grants an action (the finding names it) that its handler code never calls and Lambda never uses on its behalf.',
    why: 'A grant nothing uses is what an attacker who takes over the function gets for free; "reducing current permissions of functions from time to time" to see what breaks points at permissions set too broadly, and the code shows that at synth, before any traffic.',
    fix: 'Grant only what the code calls: replace the grant with a narrower one (table.grantReadData instead of grantReadWriteData, bucket.grantRead instead of grantReadWrite), or let SecureFunction derive its grants from its code; `cdk-secure-serverless report` lists each function\'s used and granted actions.',
  },
  {
    check: LambdaMissingPermission,
    resourceTypes: ['AWS::Lambda::Function'],
    risk: RiskCategory.LEAST_PRIVILEGE,
    level: NagMessageLevel.ERROR,
    what: 'The Lambda function\'s handler code calls an AWS API that its role does not allow (the finding names the action), on the resource its environment variable names when it names one; or a KMS action the call needs on the customer managed key that encrypts that resource (kms:Decrypt to receive from a CMK-encrypted queue).',
    why: 'The call fails with AccessDenied at run time, usually found only in production, and the usual quick fix is a wildcard grant.',
    fix: 'Grant exactly that action on that resource (for example table.grantReadData(fn) for a GetItem, which also grants kms:Decrypt on the table\'s key), or remove the call.',
  },
  {
    check: LambdaTracing,
    resourceTypes: ['AWS::Lambda::Function'],
    risk: RiskCategory.OBSERVABILITY,
    level: NagMessageLevel.WARN,
    what: 'The Lambda function does not have active X-Ray tracing.',
    why: 'Without traces, an invocation an attacker made or a request that misbehaved cannot be followed through the services it touched.',
    fix: 'Use SecureFunction (tracing Active by default) or the SecureDefaults aspect, or set tracing: lambda.Tracing.ACTIVE.',
  },
  {
    check: LambdaLogGroup,
    resourceTypes: ['AWS::Lambda::Function'],
    risk: RiskCategory.OBSERVABILITY,
    level: NagMessageLevel.WARN,
    what: 'The Lambda function logs to a log group that no resource of the stack manages.',
    why: 'Lambda then creates the log group itself, unencrypted and keeping logs forever, and nothing in the stack sets its retention or key.',
    fix: 'Use SecureFunction (its own encrypted log group, kept one year, logGroupRetention to change it) or the SecureDefaults aspect, or pass a logs.LogGroup as the logGroup prop.',
  },
  {
    check: LambdaAsyncFailureDestination,
    resourceTypes: ['AWS::Lambda::Function'],
    risk: RiskCategory.DATA_LOSS,
    level: NagMessageLevel.ERROR,
    what: 'The Lambda function is invoked asynchronously and has neither a dead-letter queue nor an on-failure destination.',
    why: 'Events that still fail after Lambda\'s retries are dropped without trace, so failures and attack payloads leave no evidence.',
    fix: 'Use SecureFunction (an encrypted dead-letter queue wherever the app shows asynchronous invocation, or with deadLetterQueueEnabled: true), or set deadLetterQueueEnabled, deadLetterQueue or onFailure on lambda.Function.',
  },
  {
    check: LambdaStreamFailureDestination,
    resourceTypes: ['AWS::Lambda::EventSourceMapping'],
    risk: RiskCategory.DATA_LOSS,
    level: NagMessageLevel.ERROR,
    what: 'The event-source mapping reads a stream (Kinesis, DynamoDB, Kafka) without an on-failure destination.',
    why: 'A batch that keeps failing blocks its shard until the records expire, and then they are lost without trace.',
    fix: 'Set onFailure on the event source (new SqsDlq(queue), SnsDlq or S3OnFailureDestination), with bisectBatchOnError and retryAttempts to bound the retries.',
  },
  {
    check: LambdaDeprecatedRuntime,
    resourceTypes: ['AWS::Lambda::Function'],
    detail: deprecatedRuntimeDetail,
    risk: RiskCategory.SUPPLY_CHAIN,
    level: NagMessageLevel.ERROR,
    what: 'The Lambda function runs on a deprecated runtime.',
    why: 'A deprecated runtime gets no security patches, so known vulnerabilities of the language and its libraries stay open.',
    fix: 'Move to the latest runtime of the family (SecureFunction refuses a deprecated runtime); for a function the CDK creates itself, upgrade aws-cdk-lib.',
  },
  {
    check: LambdaRuntimeDeprecatingSoon,
    resourceTypes: ['AWS::Lambda::Function'],
    detail: deprecatingRuntimeDetail,
    risk: RiskCategory.SUPPLY_CHAIN,
    level: NagMessageLevel.WARN,
    what: 'The Lambda function runs on a runtime that will be deprecated within 180 days.',
    why: 'After that date the runtime gets no security patches, and Lambda later refuses to update the function.',
    fix: 'Move to the latest runtime of the family that your aws-cdk-lib knows: SecureFunction.latestRuntime(lambda.RuntimeFamily.NODEJS) picks it, or pin one such as lambda.Runtime.NODEJS_24_X.',
  },
  {
    check: LambdaRuntimeNotLatest,
    resourceTypes: ['AWS::Lambda::Function'],
    detail: notLatestRuntimeDetail,
    risk: RiskCategory.SUPPLY_CHAIN,
    level: NagMessageLevel.WARN,
    what: 'The Lambda function does not run on the latest runtime of its family.',
    why: 'The latest runtime gets security patches the longest; an older one is the next to be deprecated.',
    fix: 'Move to the latest runtime of the family that your aws-cdk-lib knows: SecureFunction.latestRuntime(lambda.RuntimeFamily.NODEJS) picks it, or pin one such as lambda.Runtime.NODEJS_24_X.',
  },
  {
    check: LambdaEnvironmentEncryption,
    resourceTypes: ['AWS::Lambda::Function'],
    risk: RiskCategory.ENCRYPTION_AT_REST,
    level: NagMessageLevel.WARN,
    what: 'The Lambda function\'s environment variables are not encrypted with a customer-managed KMS key.',
    why: 'With the AWS managed key, anyone allowed to read the function\'s configuration reads the variables; a customer-managed key adds a key policy to pass.',
    fix: 'Use SecureFunction (the stack key by default, encryptionKey to choose one), or set environmentEncryption to a kms.Key.',
  },
  {
    check: LambdaCodeSigning,
    resourceTypes: ['AWS::Lambda::Function'],
    risk: RiskCategory.SUPPLY_CHAIN,
    level: NagMessageLevel.WARN,
    what: 'The Lambda function has no code-signing configuration.',
    why: 'Lambda deploys whatever code it is given, so a tampered build artefact or a compromised pipeline reaches production unnoticed.',
    fix: 'Set signingProfiles on SecureFunction (an enforcing code-signing configuration), or codeSigningConfig on lambda.Function.',
  },
  {
    check: LambdaLayerFromOtherAccount,
    resourceTypes: ['AWS::Lambda::Function'],
    risk: RiskCategory.SUPPLY_CHAIN,
    level: NagMessageLevel.WARN,
    what: 'The Lambda function uses a layer published by another AWS account (the finding names the layer ARN).',
    why: 'The layer\'s code runs inside the function with its role\'s permissions, and only its publisher controls what a version contains and whether it stays shared; AWS-published layers (for example Powertools for AWS Lambda, account 017000801446) are third-party code too, so once reviewed, the finding is meant to be acknowledged with the reason.',
    fix: 'Bundle the dependency with the function\'s code, or publish the layer from your own account (`new lambda.LayerVersion`); for a layer you trust, pin its version and acknowledge SecureServerless-LambdaLayerFromOtherAccount[<layer ARN>] on the function with the reason.',
  },
];
