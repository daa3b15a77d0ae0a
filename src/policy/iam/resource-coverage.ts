import { IamAction, IamResourceType, wildcardRegex } from './catalogue';

/**
 * Whether a `Resource` pattern of a policy reaches every resource an action can name: `*`, or an
 * ARN pattern whose name part is all wildcards, such as `arn:aws:s3:::*` for `s3:GetObject`,
 * `arn:*:*:*:*:*`, or `arn:aws:iam::*:role/*` for `iam:PassRole`. Judged on the catalogue's ARN
 * formats, not on the spelling: `arn:aws:s3:::my-bucket/*` names one bucket's objects and is scoped.
 * Neutral policy model: imports no construct.
 *
 * A pattern covers a resource type when it matches two sample ARNs of that type that share no
 * name: the samples keep the pattern's own partition, region and account (so pinning the account
 * does not make every table of it "scoped"), and use unrelated values for every name variable.
 */

/** Stands for a piece of a value that is only known at deploy time (a `Ref`, a `Fn::GetAtt`). */
export const UNKNOWN_PIECE = '\u0000';

const SAMPLE_NAMES = ['b', 'Q7-z'];
const LOCATION_VARIABLES = ['Partition', 'Region', 'Account'];

/** Whether the resource pattern reaches every resource of at least one of the action's types. */
export function coversEveryResourceOf(resourcePattern: string, action: IamAction): boolean {
  const pattern = resourcePattern.trim();
  if (pattern === '*') {
    return true;
  }
  if (!/[*?]/.test(pattern)) {
    return false;
  }
  return action.resourceTypes.some(type => coversType(pattern, type));
}

function coversType(pattern: string, type: IamResourceType): boolean {
  if (type.arnFormat === '' || type.arnFormat === '*') {
    return false;
  }
  const matcher = wildcardRegex(pattern, true);
  return SAMPLE_NAMES.every(name => matcher.test(sampleArn(type.arnFormat, pattern, name)));
}

/**
 * A concrete ARN of the format: `${Partition}`, `${Region}` and `${Account}` take the pattern's
 * own segments (wildcards dropped, so the sample always matches them), every other variable the
 * sample name.
 */
function sampleArn(arnFormat: string, pattern: string, name: string): string {
  const patternSegments = pattern.split(':');
  const formatSegments = arnFormat.split(':');
  return formatSegments.map((segment, index) => segment.replace(/\$\{([^}]+)\}/g, (_whole, variable: string) => {
    if (LOCATION_VARIABLES.includes(variable) && index < 5) {
      return (patternSegments[index] ?? '').replace(/\*/g, '').replace(/\?/g, 'x');
    }
    return name;
  })).join(':');
}
