// The environment settings a user pastes into their app to send to this inspector.
import type { ReceiverInfo, ReceiversResponse } from '../../shared/api/contract.js';

export function envFor(receivers: readonly ReceiverInfo[]): ReceiversResponse['env'] {
  const http = receivers.find((r) => r.protocol === 'otlp-http');
  const grpc = receivers.find((r) => r.protocol === 'otlp-grpc');
  return {
    http: http
      ? { OTEL_EXPORTER_OTLP_ENDPOINT: http.endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf' }
      : {},
    grpc: grpc ? { OTEL_EXPORTER_OTLP_ENDPOINT: grpc.endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' } : {},
  };
}
