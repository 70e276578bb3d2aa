import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from './atomic-file';

/**
 * Start at login on Linux, where Electron's setLoginItemSettings does nothing: an XDG autostart
 * entry (~/.config/autostart/kassa.desktop), which GNOME, KDE, XFCE and others read.
 */
export function linuxAutostartFile(env: NodeJS.ProcessEnv, home = homedir()): string {
  const configHome = env.XDG_CONFIG_HOME?.trim() || join(home, '.config');
  return join(configHome, 'autostart', 'kassa.desktop');
}

/** The program to start: the AppImage file itself when running from one, else the installed binary. */
export function linuxAutostartEntry(executable: string, env: NodeJS.ProcessEnv): string {
  const program = env.APPIMAGE?.trim() || executable;
  // Desktop Entry spec: escape " ` $ \ inside the quoted argument, then escape every backslash
  // again for the string value (so a literal backslash becomes four).
  const argument = program.replace(/(["`$\\])/g, '\\$1').replace(/\\/g, '\\\\');
  const quoted = `"${argument}"`;
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Kassa',
    `Exec=${quoted}`,
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export function setLinuxAutostart(enabled: boolean, executable: string, env: NodeJS.ProcessEnv, home?: string): void {
  const file = linuxAutostartFile(env, home);
  if (!enabled) {
    if (existsSync(file)) rmSync(file);
    return;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileAtomic(file, linuxAutostartEntry(executable, env), 0o644);
}
