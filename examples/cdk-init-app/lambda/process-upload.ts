// An object was uploaded to the uploads bucket: queue one job per object for the worker.
// eslint-disable-next-line import/no-unresolved -- provided by the Node.js 24 runtime, not installed here (see aws-sdk.d.ts)
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';

const sqs = new SQSClient({});

interface S3Event {
  readonly Records: Array<{ s3: { bucket: { name: string }; object: { key: string } } }>;
}

export async function handler(event: S3Event): Promise<void> {
  for (const record of event.Records) {
    await sqs.send(new SendMessageCommand({
      QueueUrl: process.env.JOBS_QUEUE_URL!,
      MessageBody: JSON.stringify({ bucket: record.s3.bucket.name, key: record.s3.object.key }),
    }));
  }
}
