// Forwarding delivery: the persistent outbox and everything between it and the targets. The routing side
// (targets, sampling, routes) uses only what this file exports.
export { createDeliveryService } from './service.js';
export type * from './types.js';
