// The few AWS SDK v3 calls the handlers make, declared for the type checker only. In your app,
// `npm install @aws-sdk/client-dynamodb @aws-sdk/client-sqs` and delete this file. This repository
// does not install the SDK: SecureNodejsFunction leaves `@aws-sdk/*` out of the bundle
// (NodejsFunction's default for Node.js 18 and later) and the Node.js 24 runtime provides it.
declare module '@aws-sdk/client-dynamodb' {
  type AttributeValue = { S: string } | { N: string };
  type Item = Record<string, AttributeValue>;
  export class DynamoDBClient {
    constructor(config?: object);
    send<Output>(command: { readonly output?: Output }): Promise<Output>;
  }
  export class PutItemCommand {
    readonly output?: object;
    constructor(input: { TableName: string; Item: Item; ConditionExpression?: string });
  }
  export class GetItemCommand {
    readonly output?: { Item?: Item };
    constructor(input: { TableName: string; Key: Item });
  }
  export class UpdateItemCommand {
    readonly output?: object;
    constructor(input: { TableName: string; Key: Item; UpdateExpression: string; ExpressionAttributeValues: Item; ExpressionAttributeNames?: Record<string, string> });
  }
}

declare module '@aws-sdk/client-sqs' {
  export class SQSClient {
    constructor(config?: object);
    send(command: SendMessageCommand): Promise<{ MessageId?: string }>;
  }
  export class SendMessageCommand {
    constructor(input: { QueueUrl: string; MessageBody: string });
  }
}
