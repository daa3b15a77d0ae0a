export * from './secure-function-options';
export * from './secure-function-interface';
export * from './secure-function';
export * from './secure-nodejs-function';
export * from './secure-docker-image-function';
