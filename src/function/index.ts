export * from './secure-function-options';
export * from './secure-function';
export * from './secure-nodejs-function';
