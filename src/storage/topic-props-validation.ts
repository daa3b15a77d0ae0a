import { Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { SecureTopicProps } from './secure-topic';
import { awsManagedKeyAlias, failFor } from './validation';

/** The signature versions SNS knows: 1 (SHA1) and 2 (SHA256). */
const SIGNATURE_VERSIONS = ['1', '2'];

/**
 * Refuses every prop of `SecureTopicProps` that would weaken the topic's encryption or
 * transport, with an error that names the construct path, the prop and the fix.
 */
export function validateSecureTopicProps(scope: Construct, id: string, props: SecureTopicProps): void {
  const fail = failFor(scope, id);
  if (props.enforceSSL === false) {
    fail('InsecureTransport', 'enforceSSL is false; clients could then publish over plain HTTP.',
      'leave out enforceSSL: every AWS SDK and the AWS CLI use HTTPS.');
  }
  const aliasName = awsManagedKeyAlias(props.masterKey);
  if (aliasName !== undefined) {
    fail('AwsManagedTopicKey', `masterKey is the AWS managed key ${aliasName}; its key policy cannot be changed, so CloudWatch alarms, EventBridge and S3 cannot publish to the topic, and it is not a customer-managed key.`,
      'leave out masterKey (the stack key, StackKey.of(this)), or pass a customer-managed key.');
  }
  const version = props.signatureVersion;
  if (version !== undefined && !Token.isUnresolved(version) && !SIGNATURE_VERSIONS.includes(version)) {
    fail('InvalidSignatureVersion', `signatureVersion is '${version}'; SNS knows '1' (SHA1) and '2' (SHA256).`,
      'leave out signatureVersion (\'2\', SHA256).');
  }
}
