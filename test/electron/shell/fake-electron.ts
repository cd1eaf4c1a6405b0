// A recording stand-in for the parts of Electron's main-process API that electron/shell/main.ts uses, so
// the shell's wiring runs under Node (Electron's binary cannot run on the test machines). It records what
// the shell asks for (windows, handlers, menus, dialogs) and lets a test fire the events Electron would.
import { fileURLToPath } from 'node:url';

type Listener = (...args: never[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, fn: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn]);
    return this;
  }
  once(event: string, fn: Listener): this {
    return this.on(event, fn);
  }
  emit(event: string, ...args: unknown[]): void {
    for (const fn of this.listeners.get(event) ?? []) (fn as (...a: unknown[]) => unknown)(...args);
  }
}

class FakeWebContents extends Emitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

interface FakeState {
  app: FakeApp;
  windows: FakeWindow[];
  exits: number[];
  quits: number;
  errorBoxes: { title: string; message: string }[];
  messageBoxes: { message: string; buttons: string[] }[];
  /** Answers for the next showMessageBox calls (button index); 0 when empty. */
  answers: number[];
  opened: string[];
  menu: unknown;
  permissionRequest:
    ((wc: unknown, permission: string, cb: (ok: boolean) => void, details: object) => void) | null;
  permissionCheck: ((wc: unknown, permission: string, origin: string, details: object) => boolean) | null;
  beforeRequest: ((details: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | null;
  headersReceived:
    | ((
        details: { url: string; responseHeaders?: Record<string, string[]> },
        cb: (r: object) => void,
      ) => void)
    | null;
  singleInstance: boolean;
}

class FakeApp extends Emitter {
  isPackaged = false;
  constructor(private readonly state: () => FakeState) {
    super();
  }
  sandboxed = false;
  enableSandbox(): void {
    this.sandboxed = true;
  }
  requestSingleInstanceLock(): boolean {
    return this.state().singleInstance;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  isReady(): boolean {
    return true;
  }
  getAppPath(): string {
    return fileURLToPath(new URL('../../../', import.meta.url));
  }
  getVersion(): string {
    return '0.0.0-test';
  }
  exit(code = 0): void {
    this.state().exits.push(code);
  }
  /** Like Electron: before-quit may be prevented; otherwise the app quits. */
  quit(): void {
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) this.state().quits++;
  }
}

class FakeWindow extends Emitter {
  readonly webContents = new FakeWebContents();
  url: string | null = null;
  shown = 0;
  focused = 0;
  constructor(
    readonly options: { webPreferences?: object; width?: number; height?: number; show?: boolean },
    state: FakeState,
  ) {
    super();
    state.windows.push(this);
    state.app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url: string): Promise<void> {
    this.url = url;
    return Promise.resolve();
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  show(): void {
    this.shown++;
  }
  focus(): void {
    this.focused++;
  }
}

export function createFakeElectron() {
  // One state object for the whole test file, emptied in place by reset(): the mocked module's exports
  // are captured by the shell at import time, so they must stay the same objects.
  const state = {} as FakeState;
  const app = new FakeApp(() => state);
  const reset = (): FakeState => {
    app.listeners.clear();
    app.isPackaged = false;
    app.sandboxed = false;
    Object.assign(state, {
      app,
      windows: [],
      exits: [],
      quits: 0,
      errorBoxes: [],
      messageBoxes: [],
      answers: [],
      opened: [],
      menu: null,
      permissionRequest: null,
      permissionCheck: null,
      beforeRequest: null,
      headersReceived: null,
      singleInstance: true,
    } satisfies FakeState);
    return state;
  };
  reset();
  const showMessageBox = (...args: unknown[]) => {
    const opts = args[args.length - 1] as { message: string; buttons: string[] };
    state.messageBoxes.push({ message: opts.message, buttons: opts.buttons });
    return Promise.resolve({ response: state.answers.shift() ?? 0, checkboxChecked: false });
  };
  const defaultSession = {
    setPermissionRequestHandler: (h: FakeState['permissionRequest']) => (state.permissionRequest = h),
    setPermissionCheckHandler: (h: FakeState['permissionCheck']) => (state.permissionCheck = h),
    webRequest: {
      onBeforeRequest: (h: FakeState['beforeRequest']) => (state.beforeRequest = h),
      onHeadersReceived: (h: FakeState['headersReceived']) => (state.headersReceived = h),
    },
  };
  const module = {
    app,
    BrowserWindow: class extends FakeWindow {
      constructor(options: ConstructorParameters<typeof FakeWindow>[0]) {
        super(options, state);
      }
    },
    dialog: {
      showErrorBox: (title: string, message: string) => state.errorBoxes.push({ title, message }),
      showMessageBox,
    },
    Menu: {
      buildFromTemplate: (template: unknown) => template,
      setApplicationMenu: (menu: unknown) => (state.menu = menu),
    },
    nativeTheme: { shouldUseDarkColors: false },
    // A reversible stand-in for OS encryption (the real one needs a keychain).
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (plain: string) => Buffer.from(`sealed:${plain}`).reverse(),
      decryptString: (b: Buffer) =>
        Buffer.from(b)
          .reverse()
          .toString()
          .replace(/^sealed:/, ''),
    },
    session: { defaultSession },
    shell: {
      openExternal: (url: string) => {
        state.opened.push(url);
        return Promise.resolve();
      },
    },
  };
  return { module, reset, state };
}
