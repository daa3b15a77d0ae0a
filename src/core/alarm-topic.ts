import * as sns from 'aws-cdk-lib/aws-sns';
import { IConstruct } from 'constructs';
import { StackKey } from './stack-key';
import { stackSingleton } from './stack-singleton';

/**
 * The SNS topic that the alarms of this library's constructs notify, one per stack.
 *
 * An alarm with no action is an alarm nobody hears. Subscribe your on-call channel once and
 * every construct of the stack reaches it:
 * `AlarmTopic.of(stack).addSubscription(new subscriptions.EmailSubscription('oncall@example.com'))`.
 * The topic is encrypted with the stack key and refuses publishing without TLS. A topic with no
 * subscription costs nothing.
 */
export class AlarmTopic {
  /** The construct id of the topic, directly under the stack. Part of its logical id: never change it. */
  public static readonly ID = 'SecureServerlessAlarms';

  /**
   * Returns the stack's alarm topic, creating it on first use.
   *
   * @param scope any construct in the stack
   */
  public static of(scope: IConstruct): sns.ITopic {
    return stackSingleton(scope, AlarmTopic.ID, stack => new sns.Topic(stack, AlarmTopic.ID, {
      displayName: `Alarms of ${stack.stackName}`,
      masterKey: StackKey.of(stack),
      enforceSSL: true,
    }));
  }

  private constructor() {}
}
