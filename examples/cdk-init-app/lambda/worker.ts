// The SQS worker: marks the order of each uploaded receipt as paid. A failed batch goes back to
// the queue, and after its retries to the queue's dead-letter queue.
// eslint-disable-next-line import/no-unresolved -- provided by the Node.js 24 runtime, not installed here (see aws-sdk.d.ts)
import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';

const dynamodb = new DynamoDBClient({});

export async function handler(event: { Records: Array<{ body: string }> }): Promise<void> {
  for (const record of event.Records) {
    const { key } = JSON.parse(record.body) as { key: string };
    const orderId = key.split('/').pop()!.replace(/\.[^.]+$/, '');
    await dynamodb.send(new UpdateItemCommand({
      TableName: process.env.ORDERS_TABLE!,
      Key: { orderId: { S: orderId } },
      UpdateExpression: 'SET #status = :paid',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':paid': { S: 'PAID' } },
    }));
  }
}
