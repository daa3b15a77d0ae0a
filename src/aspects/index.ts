export * from './secure-defaults';
