// Forwarding delivery: the persistent outbox and everything between it and the targets. The routing side
// (targets, sampling, routes) uses only what this file exports.
export { createDeliveryService, DEFAULT_MAX_OUTBOX_BYTES } from './service.js';
export { envelopeUrlOf } from './endpoints.js';
export { OutboxFullError } from './outbox.js';
export type * from './types.js';
