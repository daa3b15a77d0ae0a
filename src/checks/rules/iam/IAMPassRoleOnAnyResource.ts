import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { allowsPassRole, allowStatementsOf, carriesIdentityPolicies, reachesEveryResource, notActionsOf, unique } from './iam-policies';
import { findAction, IamAction } from '../../../policy/iam/catalogue';
import { actionsOf } from '../../policy-document';

/**
 * An identity-based policy allows `iam:PassRole` on every role: an Allow statement on
 * `Resource: '*'`, an ARN pattern that matches every role (`arn:aws:iam::*:role/*`) or `NotResource`, whose actions include `iam:PassRole` or a pattern
 * that covers it (`iam:Pass*`, `iam:*`, `*`), or whose `NotAction` does not exclude it.
 * Whoever holds it can hand any role of the account, an administrator's included, to a service
 * they control (a Lambda function, an EC2 instance) and act with that role's permissions.
 *
 * A `Condition` does not make such a statement compliant: `iam:PassedToService` and
 * `iam:AssociatedResourceArn`, the keys of `iam:PassRole`, narrow where a role goes, not which
 * role. `IAMActionOnAnyResource` leaves these actions to this rule, so they are reported once.
 *
 * One finding per action, `Action::iam:PassRole`, and `NotAction` for a `NotAction` statement.
 */
export default Object.defineProperty((node: CfnResource): NagRuleResult => {
  if (!carriesIdentityPolicies(node.cfnResourceType)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const findings = allowStatementsOf(node).filter(statement => reachesEveryResource(statement, passRole())).flatMap(statement => {
    const notActions = notActionsOf(statement);
    if (statement.NotAction !== undefined) {
      return notActions.some(allowsPassRole) ? [] : ['NotAction'];
    }
    return actionsOf(statement).filter(allowsPassRole).map(action => `Action::${action.trim()}`);
  });
  return findings.length > 0 ? unique(findings) : NagRuleCompliance.COMPLIANT;
}, 'name', { value: parse(__filename).name });

/** `iam:PassRole` as the catalogue knows it: its resource type is `role`. */
function passRole(): IamAction | undefined {
  return findAction('iam:PassRole');
}
