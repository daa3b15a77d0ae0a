export * from './api-authorization';
export * from './secure-api';
export * from './secure-http-api';
export * from './web-acl';
