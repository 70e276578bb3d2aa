import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, type BrowserWindow, ipcMain, safeStorage, session, utilityProcess } from 'electron';
import { type CoreProcess, createCoreHost } from './core-host';
import { loadDataKey } from './data-key';
import { EVENT_CHANNEL, registerIpc } from './ipc';
import { isTrustedSender } from './security';
import { createMainWindow, hardenSession } from './window';

/** App lifecycle only: one instance, the core in a utilityProcess, one hardened window. */
if (!app.requestSingleInstanceLock()) app.quit();

let mainWindow: BrowserWindow | null = null;

app.whenReady().then(() => {
  const rendererFile = join(__dirname, '../renderer/index.html');
  const policy = { appUrl: process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(rendererFile).href };
  hardenSession(session.defaultSession);

  const dataKey = loadDataKey(app.getPath('userData'), safeStorage);
  const core = createCoreHost(
    () =>
      utilityProcess.fork(join(__dirname, 'core.cjs'), [], {
        serviceName: 'Kassa core',
        env: {
          ...process.env,
          KASSA_DATA_DIR: app.getPath('userData'),
          KASSA_VERSION: app.getVersion(),
          ...(dataKey ? { KASSA_SECRET_KEY: dataKey } : {}),
        },
      }) as unknown as CoreProcess,
    (event) => mainWindow?.webContents.send(EVENT_CHANNEL, event),
  );

  registerIpc(ipcMain, {
    isTrustedSender: (event) =>
      isTrustedSender(policy, event.senderFrame?.url, mainWindow !== null && event.sender === mainWindow.webContents),
    call: core.call,
  });

  mainWindow = createMainWindow({ preload: join(__dirname, '../preload/index.cjs'), policy });
  void mainWindow.loadURL(policy.appUrl);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });

  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('before-quit', () => core.stop());
});

app.on('window-all-closed', () => app.quit());
