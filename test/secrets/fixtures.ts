import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SecureFunction } from '../../src';
import { minimalFunctionProps, userVpc } from '../helpers';

/** A VPC as a careful user brings it (the shared test fixture). */
export const privateVpc = userVpc;

/** A rotation function as the README recommends it: a SecureFunction, in a VPC when one is given. */
export function rotationFunction(stack: Stack, vpc?: ec2.IVpc, id = 'Rotator'): SecureFunction {
  return new SecureFunction(stack, id, { ...minimalFunctionProps, vpc });
}

/** The statements of the resource policy of the secret with this logical id prefix. */
export function resourcePolicyStatements(stack: Stack): any[] {
  const policies = Template.fromStack(stack).findResources('AWS::SecretsManager::ResourcePolicy');
  return Object.values(policies).flatMap((policy: any) => policy.Properties.ResourcePolicy.Statement);
}

/** The read-restriction statement of the stack's only restricted secret. */
export function readRestriction(stack: Stack): any {
  return resourcePolicyStatements(stack).find(statement => statement.Sid === 'DenyReadsByPrincipalsNotGrantedThroughThisSecret');
}

/** The statements of the customer-managed policies attached to a role, by the role's logical id. */
export function roleStatements(stack: Stack, roleLogicalId: string): any[] {
  const policies = Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy');
  return Object.values(policies)
    .filter((policy: any) => JSON.stringify(policy.Properties.Roles ?? []).includes(`"${roleLogicalId}"`))
    .flatMap((policy: any) => policy.Properties.PolicyDocument.Statement);
}

/** The logical id of a construct's default resource. */
export function logicalIdOf(construct: { node: { defaultChild?: unknown } } | iam.IRole): string {
  const resource = (construct as any).node.defaultChild;
  return Stack.of(resource).getLogicalId(resource);
}
