import { Stack, Token } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { isOverridden } from './cfn-values';
import { Hardening, listInWords, reportChange, reportNotDone } from './report';
import { policiesOf } from './resource-policies';
import { grantsAnyone } from '../checks/policy-document';

/** The four settings of `PublicAccessBlockConfiguration`, as the L1 and the template name them. */
const SETTINGS: ReadonlyArray<{ readonly field: keyof s3.CfnBucket.PublicAccessBlockConfigurationProperty; readonly name: string }> = [
  { field: 'blockPublicAcls', name: 'BlockPublicAcls' },
  { field: 'blockPublicPolicy', name: 'BlockPublicPolicy' },
  { field: 'ignorePublicAcls', name: 'IgnorePublicAcls' },
  { field: 'restrictPublicBuckets', name: 'RestrictPublicBuckets' },
];

/** Canned ACLs that open a bucket beyond its owner. */
const PUBLIC_ACLS = ['PublicRead', 'PublicReadWrite', 'AuthenticatedRead'];

/**
 * Blocks all public access to a bucket: sets to `true` each setting of its
 * `PublicAccessBlockConfiguration` that is missing or `false`, and never touches one that is
 * `true` or decided at deploy time (a token).
 *
 * A bucket that is public on purpose (a public canned ACL, website hosting, or a bucket policy
 * that grants anyone) is left as it is, with a warning: blocking its public access would make
 * CloudFormation fail to put its policy or ACL, or take the site down.
 */
export function blockPublicAccess(bucket: s3.CfnBucket): void {
  const current = bucket.publicAccessBlockConfiguration;
  if (isOverridden(bucket, 'PublicAccessBlockConfiguration') || Token.isUnresolved(current)) {
    return;
  }
  const configuration = current as s3.CfnBucket.PublicAccessBlockConfigurationProperty | undefined;
  const open = SETTINGS.filter(setting => configuration?.[setting.field] === undefined || configuration[setting.field] === false);
  if (open.length === 0) {
    return;
  }
  const reasons = publicOnPurpose(bucket);
  if (reasons.length > 0) {
    reportNotDone(bucket, Hardening.PUBLIC_ACCESS,
      `left public access open (${listInWords(open.map(setting => `${setting.name} is not true`))}), because the bucket looks `
      + `public on purpose: ${listInWords(reasons)}. Blocking public access would make its deployment fail or cut off its readers.`,
      'if the bucket should not be public, remove what makes it public and SecureDefaults will block public access; '
      + 'if it should, acknowledge this warning (or set blockPublicBuckets: false).');
    return;
  }
  const blocked: s3.CfnBucket.PublicAccessBlockConfigurationProperty = {
    blockPublicAcls: configuration?.blockPublicAcls,
    blockPublicPolicy: configuration?.blockPublicPolicy,
    ignorePublicAcls: configuration?.ignorePublicAcls,
    restrictPublicBuckets: configuration?.restrictPublicBuckets,
  };
  for (const setting of open) {
    (blocked as { [field: string]: unknown })[setting.field] = true;
  }
  bucket.publicAccessBlockConfiguration = blocked;
  reportChange(bucket, `set ${listInWords(open.map(setting => setting.name))} of PublicAccessBlockConfiguration to true, `
    + 'so that no ACL or bucket policy can make the bucket or its objects public.');
}

/** What makes the bucket public on purpose, in words; empty when nothing does. */
function publicOnPurpose(bucket: s3.CfnBucket): string[] {
  const stack = Stack.of(bucket);
  const reasons: string[] = [];
  const acl = stack.resolve(bucket.accessControl);
  if (typeof acl === 'string' && PUBLIC_ACLS.includes(acl)) {
    reasons.push(`its AccessControl is ${acl}`);
  }
  if (bucket.websiteConfiguration !== undefined) {
    reasons.push('it hosts a website (WebsiteConfiguration)');
  }
  const grants = policiesOf(bucket).filter(policy => policy.statements.some(grantsAnyone));
  if (grants.length > 0) {
    reasons.push(`its bucket policy ${grants.map(policy => policy.resource.node.path).join(', ')} grants anyone access`);
  }
  return reasons;
}
