import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-file';

export const WINDOW_STATE_FILE = 'window-state.json';

const WindowState = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(400).max(20_000),
  height: z.number().int().min(300).max(20_000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowState>;

interface Area {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * The saved size and position, if the file is valid and the window would still be visible (at
 * least 100×100 px of it on one of today's displays: a monitor may have been unplugged).
 */
export function loadWindowState(file: string, displays: readonly Area[]): WindowState | null {
  if (!existsSync(file)) return null;
  let parsed: ReturnType<typeof WindowState.safeParse>;
  try {
    parsed = WindowState.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return null;
  }
  if (!parsed.success) return null;
  const state = parsed.data;
  const visible = displays.some((area) => overlap(state, area) >= 100 * 100);
  return visible ? state : null;
}

export function saveWindowState(file: string, state: WindowState): void {
  writeFileAtomic(file, JSON.stringify(state), 0o644);
}

function overlap(a: Area, b: Area): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}
