import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SyncIndicator } from '../../../renderer/src/features/sync/SyncIndicator';
import { useCounterStore } from '../../../renderer/src/state/counter-store';
import type { SyncStatus } from '../../../shared/api/schemas';
import { aSystemStatus } from './fixtures';
import { renderWithCore, speak } from './render';

async function indicatorFor(sync: Partial<SyncStatus>) {
  const view = renderWithCore(<SyncIndicator />, { 'system.status': aSystemStatus(sync) });
  const button = await screen.findByRole('button');
  return { ...view, button };
}

describe('sync indicator: always says whether the back-office is reached and what waits', () => {
  it('online with nothing waiting', async () => {
    const { button } = await indicatorFor({ online: true });
    expect(button.textContent).toBe('Online · Nothing waiting to sync');
    expect(button.className).toBe('sync ');
  });

  it('offline with two waiting, and when the last sync succeeded', async () => {
    const { button } = await indicatorFor({ online: false, waiting: 2, lastSuccessAt: '2026-12-01T09:41:00.000Z' });
    expect(button.textContent).toMatch(/^Offline · 2 waiting to sync · last sync \d\d:41$/);
    expect(button.className).toContain('sync-bad');
  });

  it('held items are counted apart and make it an error', async () => {
    const { button } = await indicatorFor({ online: true, waiting: 3, held: 1 });
    expect(button.textContent).toBe('Online · 3 waiting to sync · 1 held');
    expect(button.className).toContain('sync-bad');
  });

  it('waiting only is a warning, not an error', async () => {
    const { button } = await indicatorFor({ online: true, waiting: 1 });
    expect(button.className).toContain('sync-waiting');
  });

  it('says when the back-office refused the token', async () => {
    const { button } = await indicatorFor({ online: false, rejectedCredentials: true });
    expect(button.textContent).toBe('Back-office refused this counter’s token · Nothing waiting to sync');
    expect(button.className).toContain('sync-bad');
  });

  it('says connecting before the first attempt, and no back-office when none is set up', async () => {
    const first = await indicatorFor({ online: null });
    expect(first.button.textContent).toBe('Connecting… · Nothing waiting to sync');
    first.unmount();
    const none = await indicatorFor({ configured: false, online: null });
    expect(none.button.textContent).toBe('No back-office · Nothing waiting to sync');
  });

  it('speaks Dutch, and opens the sync screen', async () => {
    speak('nl');
    const { button, user } = await indicatorFor({ online: false, waiting: 2 });
    expect(button.textContent).toBe('Offline · 2 wachten op synchronisatie');
    await user.click(button);
    expect(useCounterStore.getState().view).toBe('sync');
  });
});
