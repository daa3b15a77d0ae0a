import { createHash } from 'crypto';
import { isAbsolute, relative, sep } from 'path';
import { pathToFileURL } from 'url';
import { CheckedFinding, CheckResult } from './check';
import { RuleInfo } from './rule-info';
import { INFORMATION_URI, packageVersion } from './version';
import { ACKNOWLEDGEMENT_WITHOUT_PACK, ACKNOWLEDGEMENT_WITHOUT_REASON, STALE_ACKNOWLEDGEMENT } from '../checks/acknowledgement-review';

/** GitHub code scanning ranks alerts by `security-severity`: 7.0–8.9 is "high", 4.0–6.9 "medium". */
const SECURITY_SEVERITY: { [severity: string]: string } = { error: '8.0', warning: '5.0' };

/**
 * The SARIF 2.1.0 output of `check`, in the shape GitHub code scanning accepts: one run whose
 * driver lists every rule that produced a finding, and one result per finding, located at the
 * resource's line in its template (relative to the working directory, as GitHub resolves URIs
 * against the repository root). Acknowledged findings are results with an in-source
 * suppression that carries the reason, so a reviewer still sees them. With a baseline, each
 * result has a `baselineState`: `unchanged` for the findings the baseline lists (and the
 * acknowledged ones), `new` for the others.
 */
export function formatSarif(result: CheckResult, cwd: string): string {
  const rules = [...result.rules.values()].sort((a, b) => a.id.localeCompare(b.id));
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const baselined = result.baseline !== undefined;
  const results = [
    ...result.findings.map(item => sarifResult(item, ruleIndex.get(item.rule.id)!, cwd, baselined ? 'new' : undefined)),
    ...result.known.map(item => sarifResult(item, ruleIndex.get(item.rule.id)!, cwd, 'unchanged')),
    ...result.acknowledged.map(item => sarifResult(item, ruleIndex.get(item.rule.id)!, cwd, baselined ? 'unchanged' : undefined)),
  ];
  // Acknowledgement warnings: results of their own rules, after the findings' rules.
  const warningRules = [...new Set(result.acknowledgementWarnings.map(warning => warning.ruleId))].sort();
  for (const warning of result.acknowledgementWarnings) {
    const template = result.templates.find(candidate => candidate.source.display === warning.template);
    results.push({
      ruleId: warning.ruleId,
      ruleIndex: rules.length + warningRules.indexOf(warning.ruleId),
      level: 'warning',
      message: { text: warning.message },
      locations: [{
        physicalLocation: {
          artifactLocation: { uri: artifactUri(template?.source.file ?? warning.template, cwd) },
          region: { startLine: template?.resources.find(resource => [resource.cdkPath, resource.logicalId].includes(warning.path))?.line ?? 1 },
        },
        logicalLocations: [{ name: warning.acknowledgedId, fullyQualifiedName: warning.path, kind: 'declaration' }],
      }],
      partialFingerprints: {
        'cdkSecureServerless/v1': createHash('sha256').update(`${warning.ruleId}|${warning.acknowledgedId}|${warning.path}`).digest('hex'),
      },
      ...(baselined ? { baselineState: 'new' } : {}),
    });
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'cdk-secure-serverless',
          informationUri: INFORMATION_URI,
          version: packageVersion(),
          rules: [...rules.map(ruleDescriptor), ...warningRules.map(acknowledgementRuleDescriptor)],
        },
      },
      results,
    }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** What each acknowledgement warning means, for its SARIF rule descriptor. */
const ACKNOWLEDGEMENT_RULES: { [id: string]: string } = {
  [STALE_ACKNOWLEDGEMENT]: 'An acknowledgement matches no finding: it hides nothing today, and would hide the next finding of its rule.',
  [ACKNOWLEDGEMENT_WITHOUT_REASON]: 'An acknowledgement gives no reason, so a reviewer cannot judge it.',
  [ACKNOWLEDGEMENT_WITHOUT_PACK]: 'An acknowledgement names a rule without its pack, so it suppresses nothing.',
};

function acknowledgementRuleDescriptor(id: string): object {
  const text = ACKNOWLEDGEMENT_RULES[id] ?? id;
  const fix = id === STALE_ACKNOWLEDGEMENT ? 'Remove the acknowledgement, or correct its id.'
    : id === ACKNOWLEDGEMENT_WITHOUT_REASON ? 'Say why the finding cannot apply or cannot be fixed.' : 'Prefix the id with its pack.';
  return {
    id,
    name: id.replace(/^[^-]+-/, ''),
    shortDescription: { text },
    fullDescription: { text },
    helpUri: INFORMATION_URI,
    help: { text: `${text} Fix: ${fix}`, markdown: `${text}\n\n**Fix:** ${fix}` },
    defaultConfiguration: { level: 'warning' },
    properties: { 'tags': ['security', 'acknowledgements'], 'security-severity': SECURITY_SEVERITY.warning, 'precision': 'high' },
  };
}

function ruleDescriptor(rule: RuleInfo): object {
  const fullDescription = rule.why && rule.why !== rule.what ? `${rule.what} ${rule.why}` : rule.what;
  return {
    id: rule.id,
    name: rule.name,
    shortDescription: { text: rule.what },
    fullDescription: { text: fullDescription },
    helpUri: rule.helpUri,
    help: {
      text: `${fullDescription} Fix: ${rule.fix}`,
      markdown: [`**Risk:** ${rule.risk}`, '', fullDescription, '', `**Fix:** ${rule.fix}`, '', `[${rule.pack} rules](${rule.helpUri})`].join('\n'),
    },
    defaultConfiguration: { level: rule.severity },
    properties: {
      'tags': ['security', rule.risk, rule.pack],
      'security-severity': SECURITY_SEVERITY[rule.severity] ?? '5.0',
      'precision': 'high',
    },
  };
}

/** `baselineState`, given only when the run was compared with a baseline: `new` fails, `unchanged` is known. */
function sarifResult(item: CheckedFinding, index: number, cwd: string, baselineState?: 'new' | 'unchanged'): object {
  const { finding, resource, template, acknowledgement } = item;
  return {
    ruleId: item.rule.id,
    ruleIndex: index,
    level: finding.severity,
    message: { text: `${finding.ruleId} on ${finding.path} (${finding.logicalId}, ${finding.resourceType}): ${finding.message} Fix: ${finding.fix}` },
    locations: [{
      physicalLocation: {
        artifactLocation: { uri: artifactUri(template.source.file, cwd) },
        region: { startLine: resource.line },
      },
      logicalLocations: [{ name: finding.logicalId, fullyQualifiedName: finding.path, kind: 'resource' }],
    }],
    // Stable while lines move: the finding id, the template and the resource.
    partialFingerprints: {
      'cdkSecureServerless/v1': createHash('sha256').update(`${finding.ruleId}|${finding.template}|${finding.path}`).digest('hex'),
    },
    ...(baselineState !== undefined ? { baselineState } : {}),
    properties: { risk: finding.risk },
    ...(acknowledgement ? { suppressions: [{ kind: 'inSource', justification: acknowledgement.reason }] } : {}),
  };
}

/** The template's path relative to the working directory (the repository root in CI), with `/`. */
function artifactUri(file: string, cwd: string): string {
  const path = relative(cwd, file);
  if (path.startsWith('..') || isAbsolute(path)) {
    return pathToFileURL(file).href;
  }
  return path.split(sep).map(encodeURIComponent).join('/');
}
