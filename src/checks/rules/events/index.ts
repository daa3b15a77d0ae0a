import { NagMessageLevel } from 'cdk-nag/lib/nag-rules';
import EventBusPolicyGrantsAnyone from './EventBusPolicyGrantsAnyone';
import { RiskCategory } from '../../risk-category';
import { SecurityRule } from '../../security-rule';

/** The rules on Amazon EventBridge event buses and their resource policies. */
export const EVENTS_RULES: SecurityRule[] = [
  {
    check: EventBusPolicyGrantsAnyone,
    resourceTypes: ['AWS::Events::EventBus', 'AWS::Events::EventBusPolicy'],
    risk: RiskCategory.PUBLIC_ACCESS,
    level: NagMessageLevel.ERROR,
    what: 'The event bus\'s resource policy allows any principal (`*`) without a condition that scopes it to an account, organization or source.',
    why: 'Anyone in any AWS account can then put events on the bus, and its rules hand those forged events to their targets, functions included, as if the bus\'s own producers had sent them.',
    fix: 'Grant named accounts or roles (`bus.grantPutEventsTo(principal)`, `new iam.AccountPrincipal(accountId)`), or scope `*` with `aws:PrincipalOrgID` (`new iam.OrganizationPrincipal(orgId)`, or `condition: { type: \'StringEquals\', key: \'aws:PrincipalOrgID\', value: orgId }` on a `CfnEventBusPolicy`).',
  },
];
