import { beforeAll, describe, expect, it } from 'vitest';
import { builtBundles } from './support/built-bundle';

let main = '';
let core = '';
beforeAll(() => {
  ({ main, core } = builtBundles());
}, 120_000);

/** What the built main process (out/main/index.cjs) does, read from the bundle electron-builder ships. */
describe('the built main bundle', () => {
  it('serves the renderer from app:// and never loads a file:// page', () => {
    expect(main).toMatch(/protocol\.registerSchemesAsPrivileged\(\[APP_SCHEME_PRIVILEGES\]\)/);
    expect(main).toMatch(/protocol\.handle\("app", createAppProtocolHandler\(/);
    // Registered before ready (it must be), i.e. before the whenReady callback that handles it.
    expect(main.indexOf('registerSchemesAsPrivileged([')).toBeLessThan(main.indexOf('.whenReady()'));
    expect(main).not.toMatch(/loadFile\(/);
    expect(main).not.toMatch(/pathToFileURL/);
    expect(main).toMatch(/loadURL\(policy\.appUrl\)/);
    expect(main).toMatch(/!isPackaged && devServer \? devServer : APP_URL/);
  });

  it('denies permission checks as well as permission requests', () => {
    expect(main).toMatch(/setPermissionRequestHandler\(\(_contents, _permission, callback\) => callback\(false\)\)/);
    expect(main).toMatch(/setPermissionCheckHandler\(\(\) => false\)/);
  });

  it('checks IPC senders by window, main frame and URL', () => {
    expect(main).toMatch(/isTrustedIpcEvent\(policy, event, mainWindow\?\.webContents \?\? null\)/);
    expect(main).toMatch(/frame === event\.sender\.mainFrame/);
  });

  it('hands the data key over the port, not the environment, and gives the core a filtered environment', () => {
    expect(main).toMatch(/init: \(\) => \(\{\s*type: "init",\s*dataKey: dataKey\.key\s*\}\)/);
    expect(main).not.toMatch(/KASSA_SECRET_KEY:/);
    expect(main).not.toMatch(/\.\.\.process\.env,\s*KASSA_DATA_DIR/);
    expect(main).toMatch(/const env = coreEnvironment\(/);
    expect(main).toMatch(/KASSA_PACKAGED: "1"/);
    expect(core).not.toMatch(/KASSA_SECRET_KEY/);
  });

  it('starts crash reporting without upload, and shows no menu or DevTools in packaged builds', () => {
    expect(main).toMatch(/crashReporter\.start\(\{\s*uploadToServer: false/);
    expect(main).toMatch(
      /if \(packaged\) electron\.Menu\.setApplicationMenu\(process\.platform === "darwin" \? electron\.Menu\.buildFromTemplate\(\[\{ role: "appMenu" \}, \{ role: "editMenu" \}\]\) : null\)/,
    );
    expect(main).toMatch(/devTools: !packaged/);
  });

  it('registers nothing when another instance holds the lock', () => {
    expect(main).toMatch(
      /if \(electron\.app\.requestSingleInstanceLock\(\)\) startDesktop\(\);\s*else electron\.app\.quit\(\);/,
    );
  });

  it('reloads the window after the renderer process is gone and stops the core cleanly on quit', () => {
    expect(main).toMatch(/render-process-gone/);
    expect(main).toMatch(/webContents\.reload\(\)/);
    expect(main).toMatch(/stopCore: core\.stop/);
    expect(main).toMatch(/type: "shutdown"/);
  });

  it('uses none of the risky switches of the checklist (experimental features, Blink features, webview popups, openExternal)', () => {
    for (const risky of [
      /experimentalFeatures/,
      /enableBlinkFeatures/,
      /allowpopups/,
      /openExternal/,
      /nodeIntegration: true/,
      /contextIsolation: false/,
      /sandbox: false/,
      /webSecurity: false/,
      /allowRunningInsecureContent: true/,
    ]) {
      expect(main).not.toMatch(risky);
    }
    expect(main).toMatch(/webviewTag: false/);
    expect(main).toMatch(/"will-attach-webview"/);
    expect(main).toMatch(/"will-navigate"/);
    expect(main).toMatch(/setWindowOpenHandler/);
  });

  it('wires the counter options: start at login, kiosk, saved window state, local data folder on Windows', () => {
    expect(main).toMatch(/setLoginItemSettings\(\{ openAtLogin: settings\.startAtLogin \}\)/);
    expect(main).toMatch(/setLinuxAutostart\(settings\.startAtLogin, process\.execPath, process\.env\)/);
    expect(main).toMatch(/kiosk: settings\.kiosk/);
    expect(main).toMatch(/loadWindowState\(stateFile/);
    expect(main).toMatch(/saveWindowState\(stateFile/);
    expect(main).toMatch(/setPath\("userData", localUserDataFolder\(/);
    // The data folder is moved before anything reads it (the lock, crash dumps, logs, the data key).
    expect(main.indexOf('setPath("userData"')).toBeLessThan(
      main.indexOf('if (electron.app.requestSingleInstanceLock())'),
    );
  });
});
