export * from './core';
export * from './function';
export * from './checks';
export * from './aspects';
