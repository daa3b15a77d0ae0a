export * from './secure-bucket';
export * from './access-logs-bucket';
export * from './secure-table';
export * from './secure-queue';
export * from './secure-topic';
