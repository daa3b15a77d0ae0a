import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { rendered } from '../../template-view';

/**
 * A symmetric encryption KMS key (`KeySpec` absent or `SYMMETRIC_DEFAULT`, `KeyUsage` absent or
 * `ENCRYPT_DECRYPT`) whose key material AWS KMS generates (`Origin` absent or `AWS_KMS`) does not
 * have `EnableKeyRotation: true`.
 *
 * Not applicable: asymmetric (`RSA_…`, `ECC_…`, `SM2`, `ML_DSA_…`) and HMAC keys, and keys with
 * imported (`EXTERNAL`) or external-store key material, for which AWS KMS offers no automatic
 * rotation. A `KeySpec`, `KeyUsage` or `Origin` given as an intrinsic is taken as the default
 * (the rule applies), and an `EnableKeyRotation` given as an intrinsic is not `true`: the key is
 * reported, as nothing shows that it rotates.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (node.cfnResourceType !== 'AWS::KMS::Key') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const { KeySpec: keySpec, KeyUsage: keyUsage, Origin: origin, EnableKeyRotation: rotation } = rendered(node).properties;
  const symmetric = typeof keySpec !== 'string' || keySpec === 'SYMMETRIC_DEFAULT';
  const encryption = typeof keyUsage !== 'string' || keyUsage === 'ENCRYPT_DECRYPT';
  const kmsMaterial = typeof origin !== 'string' || origin === 'AWS_KMS';
  if (!symmetric || !encryption || !kmsMaterial) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return rotation === true || rotation === 'true' ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}, 'name', { value: parse(__filename).name });
