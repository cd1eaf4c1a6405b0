// The window's icon. Linux and Windows take it from BrowserWindow's `icon` (title bar, taskbar, Alt-Tab;
// on Linux nothing else supplies one when the app runs unpackaged, from `npm start`). macOS ignores it and
// uses the app bundle's .icns. The file is the app icon (build/icon.png) that the UI build copies to
// dist/renderer/icon.png (vite.config.ts), which is inside app.asar too, so one path serves dev and packages.
import { join } from 'node:path';

export function windowIcon(platform: NodeJS.Platform, appPath: string): string | undefined {
  return platform === 'darwin' ? undefined : join(appPath, 'dist', 'renderer', 'icon.png');
}
