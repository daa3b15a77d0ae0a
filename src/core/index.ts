export * from './stack-key';
export * from './alarm-topic';
