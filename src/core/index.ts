export * from './stack-key';
export * from './alarm-topic';
export * from './subtree-acknowledgement';
