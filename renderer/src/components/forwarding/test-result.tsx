// Test connection's answer in plain words, under the target it belongs to.
import type { TargetTestState } from '../../state/types.js';
import { testResultText } from '../../model/forwarding-status.js';

export function TestResult({ test }: { test: TargetTestState }) {
  if (test.pending)
    return (
      <div className="test-result" role="status">
        Testing the connection…
      </div>
    );
  if (test.error)
    return (
      <div className="test-result test-fail" role="status">
        <b>Test could not run</b> {test.error}
      </div>
    );
  if (!test.result) return null;
  const t = testResultText(test.result);
  return (
    <div className={`test-result ${t.ok ? 'test-ok' : 'test-fail'}`} role="status" data-testid="test-result">
      <b>
        {t.ok ? '✓' : '✕'} {t.headline}
      </b>{' '}
      {t.message}
    </div>
  );
}
