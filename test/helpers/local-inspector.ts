// A whole inspector for tests: loopback only, every port picked by the OS, no UI files.
import {
  startInspector,
  type InspectorConfig,
  type RunningInspector,
} from '../../electron/core/inspector.js';

export function startLocalInspector(config: InspectorConfig = {}): Promise<RunningInspector> {
  return startInspector({
    hosts: ['127.0.0.1'],
    grpcPort: 0,
    httpPort: 0,
    uiPort: 0,
    staticDir: null,
    ...config,
  });
}
