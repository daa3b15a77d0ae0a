export * from './secure-function';
