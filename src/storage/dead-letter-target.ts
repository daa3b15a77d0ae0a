import { Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';

/**
 * Whether a queue or a Lambda function of the queue's stack sends its failures to `queue`.
 * cdk-nag's AwsSolutions-SQS3 counts such a queue as compliant (a dead-letter queue needs no
 * dead-letter queue of its own), so an acknowledgement of SQS3 on it would be stale.
 */
export function isDeadLetterTarget(queue: sqs.Queue): boolean {
  const stack = Stack.of(queue);
  const arn = JSON.stringify(stack.resolve(queue.queueArn));
  return stack.node.findAll().some(node => {
    if (node instanceof sqs.CfnQueue) {
      const redrive = stack.resolve(node.redrivePolicy) as { deadLetterTargetArn?: unknown } | undefined;
      return redrive !== undefined && JSON.stringify(redrive.deadLetterTargetArn) === arn;
    }
    if (node instanceof lambda.CfnFunction) {
      const config = stack.resolve(node.deadLetterConfig) as { targetArn?: unknown } | undefined;
      return config !== undefined && JSON.stringify(config.targetArn) === arn;
    }
    return false;
  });
}
