import { CfnResource } from 'aws-cdk-lib';
import { oneLine } from './cli-error';
import { isPlain, own, Plain, TemplateResourceEntry } from './template-shape';

/**
 * Property names whose value is a policy document. CloudFormation accepts such a `Json`
 * property as an object or as a string of JSON (`PolicyDocument: !Sub | {…}` is common), the
 * CDK's L1 classes only as an object: a string that is a JSON object is read as the object,
 * so that the policy is checked as CloudFormation will apply it.
 */
const POLICY_PROPERTY = /(PolicyDocument|^KeyPolicy|^PolicyText)$/;

/** The resource's attributes with policy documents given as JSON text read as objects. */
export function withPolicyDocumentsParsed(attributes: Plain): Plain {
  const properties = own(attributes, 'Properties');
  return isPlain(properties) ? { ...attributes, Properties: parsePolicies(properties) as Plain } : attributes;
}

function parsePolicies(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(parsePolicies);
  }
  if (!isPlain(value)) {
    return value;
  }
  const copy: Plain = {};
  for (const key of Object.keys(value)) {
    const item = value[key];
    copy[key] = POLICY_PROPERTY.test(key) && typeof item === 'string' ? jsonObject(item) ?? item : parsePolicies(item);
  }
  return copy;
}

function jsonObject(text: string): Plain | undefined {
  if (!/^\s*\{/.test(text)) {
    return undefined;
  }
  try {
    const parsed = JSON.parse(text) as unknown;
    return isPlain(parsed) && !Object.prototype.hasOwnProperty.call(parsed, '__proto__') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What is wrong with the resource's properties, or undefined. The L1 class validates its
 * properties only when it renders them (`renderProperties`, which synthesis calls): this calls
 * it on the properties as built, whose references are still tokens (which the validators let
 * through), so a value of the wrong kind is found without resolving the whole resource, the
 * costliest step of a run. The validator names the property in camelCase; the message says it
 * by its template name, without quoting the value.
 */
export function propertyError(node: CfnResource, entry: TemplateResourceEntry): string | undefined {
  const renderer = node as unknown as { readonly cfnProperties: unknown; renderProperties(properties: unknown): unknown };
  try {
    renderer.renderProperties(renderer.cfnProperties);
    return undefined;
  } catch (error) {
    const lines = (error instanceof Error ? error.message : String(error)).split('\n').map(line => line.trim()).filter(Boolean);
    const detail = /^([A-Za-z0-9]+): (.*)$/.exec(lines[1] ?? '');
    if (!/Supplied properties not correct/.test(lines[0] ?? '') || detail === null) {
      return `cannot be read (${oneLine(lines[0] ?? 'unknown error').replace(/^(Resolution error: )+/, '')})`;
    }
    const properties = own(entry.attributes, 'Properties');
    const name = (isPlain(properties) ? Object.keys(properties) : []).find(key => key.toLowerCase() === detail[1].toLowerCase())
      ?? detail[1].charAt(0).toUpperCase() + detail[1].slice(1);
    const reason = [detail[2], ...lines.slice(2)]
      .map(line => line.replace(/, but received: .*$/, '').replace(/^.*? should be /, 'should be ').replace(/\.$/, ''))
      .join('; ');
    return `property '${name}' is not valid for ${entry.type}: ${reason}`;
  }
}
