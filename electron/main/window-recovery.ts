/**
 * After the page's process is gone (a crash, the OS killing it for memory) the window is reloaded,
 * the core and its data being untouched. A page that keeps crashing is not reloaded in a tight loop:
 * after `maxReloads` within `withinMs` the shell gives up and says so.
 */
export function createReloadPolicy(options: { maxReloads?: number; withinMs?: number; now?: () => number } = {}) {
  const maxReloads = options.maxReloads ?? 3;
  const withinMs = options.withinMs ?? 60_000;
  const now = options.now ?? Date.now;
  const reloads: number[] = [];
  return (reason: string): 'reload' | 'give-up' | 'ignore' => {
    if (reason === 'clean-exit') return 'ignore';
    const at = now();
    while (reloads.length > 0 && at - (reloads[0] ?? 0) > withinMs) reloads.shift();
    if (reloads.length >= maxReloads) return 'give-up';
    reloads.push(at);
    return 'reload';
  };
}
