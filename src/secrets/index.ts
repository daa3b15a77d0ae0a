export * from './secure-secret';
export * from './secret-reference';
