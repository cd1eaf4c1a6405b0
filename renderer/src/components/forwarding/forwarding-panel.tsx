// The forwarding settings view: a dialog over the app with three sections (targets, sampling, status).
// Opened from the header's Forwarding button and from the status bar's indicator.
import { useApp } from '../../state/store.js';
import type { ForwardingSection } from '../../state/types.js';
import { Tab } from '../tab.js';
import { Modal } from './modal.js';
import { TargetList } from './target-list.js';
import { TargetEditor } from './target-editor.js';
import { SamplingControls } from './sampling-controls.js';
import { ForwardingStatusView } from './forwarding-status-view.js';

const SECTIONS: { id: ForwardingSection; label: string }[] = [
  { id: 'targets', label: 'Targets' },
  { id: 'sampling', label: 'Sampling' },
  { id: 'status', label: 'Status' },
];

export function ForwardingPanel() {
  const section = useApp((s) => s.forwardingPanel);
  const open = useApp((s) => s.openForwardingPanel);
  const close = useApp((s) => s.closeForwardingPanel);
  const editing = useApp((s) => s.targetForm !== null);
  const error = useApp((s) => s.forwardingError);
  if (!section) return null;
  return (
    <Modal label="Forwarding" className="fwd-panel" onClose={close}>
      <header className="modal-head">
        <h2>Forwarding</h2>
        <div className="tabs" role="tablist" aria-label="Forwarding sections">
          {SECTIONS.map((s) => (
            <Tab key={s.id} selected={section === s.id} onSelect={() => open(s.id)}>
              {s.label}
            </Tab>
          ))}
        </div>
        <span className="spacer" />
        <button type="button" className="btn" aria-label="Close forwarding" onClick={close}>
          ✕
        </button>
      </header>
      {error && (
        <div className="field-error" role="alert">
          {error}
        </div>
      )}
      <div className="modal-body">
        {section === 'targets' && (editing ? <TargetEditor /> : <TargetList />)}
        {section === 'sampling' && <SamplingControls />}
        {section === 'status' && <ForwardingStatusView />}
      </div>
    </Modal>
  );
}
