import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * The construct with this id directly under the scope's stack, created by `create` the first
 * time it is asked for. The shared pieces of a stack (its key, alarm topic, access-log bucket,
 * API Gateway CloudWatch role) live at a fixed id under the stack, because that id is part of
 * their logical id and must never change.
 *
 * @param scope any construct in the stack
 * @param id the construct id of the shared piece (or, for a piece made of several constructs,
 *   of the one created last)
 * @param create creates it under the given stack
 */
export function stackSingleton<T extends IConstruct>(scope: IConstruct, id: string, create: (stack: Stack) => T): T {
  const stack = Stack.of(scope);
  return (stack.node.tryFindChild(id) as T | undefined) ?? create(stack);
}
