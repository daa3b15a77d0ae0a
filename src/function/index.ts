export * from './secure-function-options';
export * from './secure-function';
