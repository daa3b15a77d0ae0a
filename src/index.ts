export * from './core';
export * from './function';
export * from './api';
export * from './storage';
export * from './secrets';
export * from './checks';
export * from './aspects';
export * from './spend';
