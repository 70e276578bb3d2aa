import { app } from 'electron';
import { startDesktop } from './desktop-app';

/**
 * One Kassa per computer (two would fight over the database). The instance that does not get the
 * lock registers nothing (no scheme, no handlers, no window) and quits; the first one comes forward.
 */
if (app.requestSingleInstanceLock()) startDesktop();
else app.quit();
