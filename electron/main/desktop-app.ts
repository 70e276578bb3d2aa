import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  crashReporter,
  dialog,
  ipcMain,
  Menu,
  protocol,
  safeStorage,
  screen,
  session,
  utilityProcess,
} from 'electron';
import type { Language } from '../../shared/i18n/translate';
import { translate } from '../../shared/i18n/translate';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/content-security-policy';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler, rendererUrl } from './app-protocol';
import { coreEnvironment } from './core-env';
import { type CoreProcess, createCoreHost } from './core-host';
import { type DataKey, DataKeyError, loadDataKey } from './data-key';
import { DesktopConfigError, type DesktopSettings, loadDesktopSettings } from './desktop-config';
import { EVENT_CHANNEL, registerIpc } from './ipc';
import { setLinuxAutostart } from './linux-autostart';
import { createPrintService, PRINT_WINDOW_OPTIONS } from './print-service';
import { countOpenPaymentsVia, createQuitGuard } from './quit-guard';
import { createRotatingLog } from './rotating-log';
import { isTrustedIpcEvent } from './security';
import { startUpdates } from './updates';
import { createMainWindow, hardenSession } from './window';
import { createReloadPolicy } from './window-recovery';
import { loadWindowState, saveWindowState, WINDOW_STATE_FILE } from './window-state';

/**
 * The desktop app, started only by the instance that holds the single-instance lock: paths and
 * crash reporting before `ready`, then the hardened session, the core, the window and updates.
 */
export function startDesktop(): void {
  const packaged = app.isPackaged;
  const userData = app.getPath('userData');
  app.setPath('crashDumps', join(userData, 'crashes'));
  // Minidumps stay on this computer (support asks for them); nothing is uploaded anywhere.
  crashReporter.start({ uploadToServer: false, compress: true });
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  // getLocale() is only reliable after `ready` (Windows), so it is read when a message is shown.
  const language = (): Language => (app.getLocale().toLowerCase().startsWith('nl') ? 'nl' : 'en');
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate(language(), key, params);
  const log = createRotatingLog(join(userData, 'logs', 'kassa.log'));
  const note = (line: string) => log.write(`${new Date().toISOString()} ${line}`);

  const fatal = (error: unknown): void => {
    const message = error instanceof Error ? error.message : String(error);
    note(`fatal: ${message}`);
    dialog.showErrorBox(t('desktop.fatal.title'), message);
    app.exit(1);
  };

  let mainWindow: BrowserWindow | null = null;
  app.on('window-all-closed', () => app.quit());
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.show();
    mainWindow?.focus();
  });

  app
    .whenReady()
    .then(() => {
      let settings: DesktopSettings;
      let dataKey: DataKey;
      try {
        settings = loadDesktopSettings(userData, process.env);
        dataKey = loadDataKey(userData, safeStorage);
      } catch (error) {
        if (!(error instanceof DataKeyError || error instanceof DesktopConfigError)) throw error;
        fatal(error);
        return;
      }
      note(`start ${app.getVersion()} packaged=${packaged} data key sealing=${dataKey.sealing}`);
      if (dataKey.notice) note(dataKey.notice);

      // No default menu (no DevTools, no reload): nothing on Windows/Linux; on macOS only the app
      // menu (quit, hide) and Edit, without which copy and paste stop working in text fields.
      if (packaged) {
        Menu.setApplicationMenu(
          process.platform === 'darwin' ? Menu.buildFromTemplate([{ role: 'appMenu' }, { role: 'editMenu' }]) : null,
        );
      }
      if (packaged && process.platform === 'linux') {
        setLinuxAutostart(settings.startAtLogin, process.execPath, process.env);
      } else if (packaged) {
        app.setLoginItemSettings({ openAtLogin: settings.startAtLogin });
      }
      hardenSession(session.defaultSession);
      protocol.handle(APP_SCHEME, createAppProtocolHandler(join(__dirname, '../renderer'), CONTENT_SECURITY_POLICY));
      const policy = { appUrl: rendererUrl(packaged, process.env) };

      // Receipts on system printers: a hidden, sandboxed window per print, in its own hardened session.
      hardenSession(session.fromPartition(PRINT_WINDOW_OPTIONS.webPreferences.partition));
      const printService = createPrintService({
        createWindow: (options) => new BrowserWindow(options),
        listPrinters: async () => (mainWindow ? mainWindow.webContents.getPrintersAsync() : []),
        log: note,
      });
      const core = createCoreHost(
        () => spawnCore(settings, userData, packaged, (line) => log.write(line)),
        (event) => mainWindow?.webContents.send(EVENT_CHANNEL, event),
        {
          init: () => ({ type: 'init', dataKey: dataKey.key }),
          log: note,
          onHostRequest: printService.handle,
          onGaveUp: (code) =>
            dialog.showErrorBox(
              t('desktop.fatal.title'),
              t('desktop.coreGaveUp', { code, log: join(userData, 'logs') }),
            ),
        },
      );
      registerIpc(ipcMain, {
        isTrustedSender: (event) => isTrustedIpcEvent(policy, event, mainWindow?.webContents ?? null),
        call: core.call,
      });

      const quit = createQuitGuard({
        countOpenPayments: () => countOpenPaymentsVia(core.call),
        confirmQuitWithOpenPayments: async (count) => {
          const options = {
            type: 'warning' as const,
            title: t('desktop.quit.openPayment.title'),
            message: t('desktop.quit.openPayment.message', { count }),
            detail: t('desktop.quit.openPayment.detail'),
            buttons: [t('desktop.quit.stay'), t('desktop.quit.quit')],
            defaultId: 0,
            cancelId: 0,
          };
          const answer = mainWindow
            ? await dialog.showMessageBox(mainWindow, options)
            : await dialog.showMessageBox(options);
          return answer.response === 1;
        },
        stopCore: core.stop,
        exit: () => app.quit(),
      });
      app.on('before-quit', (event) => {
        if (quit.allowsExit()) return;
        event.preventDefault();
        void quit.request();
      });

      const stateFile = join(userData, WINDOW_STATE_FILE);
      const saved = settings.kiosk
        ? null
        : loadWindowState(
            stateFile,
            screen.getAllDisplays().map((d) => d.workArea),
          );
      const window = createMainWindow({
        preload: join(__dirname, '../preload/index.cjs'),
        policy,
        devTools: !packaged,
        kiosk: settings.kiosk,
        bounds: saved ?? undefined,
      });
      mainWindow = window;
      if (saved?.maximized) window.maximize();
      window.on('close', (event) => {
        if (!settings.kiosk)
          saveWindowState(stateFile, { ...window.getNormalBounds(), maximized: window.isMaximized() });
        if (quit.allowsExit()) return;
        event.preventDefault();
        void quit.request();
      });
      window.on('closed', () => {
        mainWindow = null;
      });
      const afterRendererGone = createReloadPolicy();
      window.webContents.on('render-process-gone', (_event, details) => {
        const decision = afterRendererGone(details.reason);
        note(`renderer gone: ${details.reason} (exit code ${details.exitCode}); ${decision}`);
        if (decision === 'reload') setTimeout(() => mainWindow?.webContents.reload(), 1_000);
        if (decision === 'give-up') {
          dialog.showErrorBox(t('desktop.fatal.title'), t('desktop.rendererGaveUp', { log: join(userData, 'logs') }));
        }
      });
      void window.loadURL(policy.appUrl);

      if (packaged && settings.updateFeedUrl) {
        startUpdates({
          feedUrl: settings.updateFeedUrl,
          userData,
          currentVersion: app.getVersion(),
          log: note,
          countOpenPayments: () => countOpenPaymentsVia(core.call),
          askCashier: async (version) => {
            const answer = await dialog.showMessageBox({
              type: 'info',
              title: t('desktop.update.ready.title'),
              message: t('desktop.update.ready.message', { version }),
              detail: t('desktop.update.ready.detail'),
              buttons: [t('desktop.update.later'), t('desktop.update.now')],
              defaultId: 0,
              cancelId: 0,
            });
            return answer.response === 1;
          },
          quitAndInstall: (install) => void quit.request({ confirm: false, exitWith: install }),
        });
      }
    })
    .catch(fatal);
}

/** One core process: its own environment (no data key, only what it needs), its output in the log. */
function spawnCore(settings: DesktopSettings, userData: string, packaged: boolean, write: (line: string) => void) {
  const env = coreEnvironment(
    { ...settings.coreEnvFromFile, ...process.env },
    {
      KASSA_DATA_DIR: userData,
      KASSA_VERSION: app.getVersion(),
      // The core refuses demo mode in an installed app (see README "Installing at a shop").
      ...(packaged ? { KASSA_PACKAGED: '1' } : {}),
    },
  );
  const child = utilityProcess.fork(join(__dirname, 'core.cjs'), [], {
    serviceName: 'Kassa core',
    env,
    stdio: 'pipe',
  });
  child.stdout?.on('data', (chunk: Buffer) => write(`[core] ${chunk.toString('utf8').trimEnd()}`));
  child.stderr?.on('data', (chunk: Buffer) => write(`[core:err] ${chunk.toString('utf8').trimEnd()}`));
  return child as unknown as CoreProcess;
}
