import { app } from 'electron';
import { startDesktop } from './desktop-app';
import { localUserDataFolder } from './desktop-config';

// Windows: data (and the single-instance lock) in the local, non-roaming folder; set before anything
// reads the user data path.
app.setPath('userData', localUserDataFolder(process.platform, process.env, app.getPath('userData'), app.getName()));

/**
 * One Kassa per computer (two would fight over the database). The instance that does not get the
 * lock registers nothing (no scheme, no handlers, no window) and quits; the first one comes forward.
 */
if (app.requestSingleInstanceLock()) startDesktop();
else app.quit();
