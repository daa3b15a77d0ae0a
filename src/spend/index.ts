export * from './spend-budget';
