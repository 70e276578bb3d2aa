import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Header } from '../../../renderer/src/features/shell/Header';
import { aSystemStatus } from './fixtures';
import { renderWithCore, speak } from './render';

describe('mode badge: demo or live, as the core says', () => {
  it('says demo means no real money, with the details in its title', async () => {
    renderWithCore(<Header />, { 'system.status': aSystemStatus({}, { mode: 'demo' }), 'unmatched.list': [] });
    const badge = await screen.findByTestId('mode-badge');
    expect(badge.textContent).toBe('Demo — no real money');
    expect(badge.className).toContain('mode-demo');
    expect(badge.getAttribute('title')).toContain('nothing here moves real money');
  });

  it('says live when the core runs for real, in Dutch too', async () => {
    speak('nl');
    renderWithCore(<Header />, { 'system.status': aSystemStatus({}, { mode: 'live' }), 'unmatched.list': [] });
    const badge = await screen.findByTestId('mode-badge');
    expect(badge.textContent).toBe('Live');
    expect(badge.className).toContain('mode-live');
  });

  it('shows no badge until the core has answered', () => {
    renderWithCore(<Header />, { 'unmatched.list': [] });
    expect(screen.queryByTestId('mode-badge')).toBeNull();
  });
});
