import { RiskCategory } from '../checks/risk-category';

/**
 * The risk category of a cdk-nag rule, which its data does not carry: the first category whose
 * keywords appear in the rule's finding text (`info`), in this order. The order settles the
 * rules that name two concerns: "the log group is not encrypted" is about encryption, "log file
 * validation" about observability, "plaintext credentials" about secrets.
 *
 * With cdk-nag 3.0.2 every rule of the six packs matches one of these (a test proves it); a
 * future rule that matches none gets `least-privilege`, the catch-all of "broader than needed".
 */
const KEYWORDS: ReadonlyArray<readonly [RiskCategory, RegExp]> = [
  [RiskCategory.SENSITIVE_LOGGING, /data trace/i],
  [RiskCategory.SECRETS, /credentials|AWS_ACCESS_KEY/i],
  [RiskCategory.ENCRYPTION_IN_TRANSIT, /\bSSL\b|\bTLS|HTTPS|in transit|plaintext|node-to-node|certificate|secure .*protocol/i],
  [RiskCategory.ENCRYPTION_AT_REST, /encrypt|KMS|server-side|\bSSE\b|key rotation/i],
  [RiskCategory.AUTHENTICATION, /password policy/i],
  [RiskCategory.SECRETS, /secret|password|environment variables|default .*username/i],
  [RiskCategory.OBSERVABILITY, /\blogs?\b|logging|Flow Log|monitoring|X-Ray|tracing|health reporting|Insights|notifications|alarm|metric|audit|GuardDuty|Security Hub|CloudTrail/i],
  [RiskCategory.PUBLIC_ACCESS, /public|0\.0\.0\.0|open access|open world|internet|\bVPC\b|inbound|allowlisted IP|default endpoint port|Network ACL|Security Group|origin access|ingress|unrestricted|Geo restriction|CORS/i],
  [RiskCategory.AUTHENTICATION, /authori[sz]|authenticat|\bMFA\b|Redis AUTH|OAuth|Cognito|unsigned request|anonymous|Key Pair|Kerberos|plus tier/i],
  [RiskCategory.INPUT_VALIDATION, /validat|invalid HTTP header|\bWAF/i],
  [RiskCategory.SUPPLY_CHAIN, /runtime|version upgrade|managed updates|images provided/i],
  [RiskCategory.DATA_LOSS, /backup|recovery|snapshot|retention|deletion protection|termination protection|versioning|Multi-AZ|replicat|dead.letter|failure destination|destination configured for failed|redrive|Cross-Zone|\bDLQ\b|checkpoint|Backtrack|lifecycle|Zone Awareness|Availability Zones|health check|connection draining|dedicated master|object lock|EBS optimization|ALBs instead/i],
  [RiskCategory.LEAST_PRIVILEGE, /\bIAM\b|managed polic|inline polic|wildcard|permission|privilege|root|admin|\brole\b|instance profile|IMDS|container policy|host networking/i],
  [RiskCategory.BILLING_DOS, /concurren|memory|timeout|cooldown|Auto Scaling enabled/i],
  [RiskCategory.THROTTLING, /throttl/i],
];

/** The category a cdk-nag rule's finding text maps to, or `undefined` when no keyword matches. */
export function matchNagRisk(info: string): RiskCategory | undefined {
  return KEYWORDS.find(([, keywords]) => keywords.test(info))?.[0];
}

/** The category of a cdk-nag rule, from its finding text. */
export function nagRisk(info: string): RiskCategory {
  return matchNagRisk(info) ?? RiskCategory.LEAST_PRIVILEGE;
}
