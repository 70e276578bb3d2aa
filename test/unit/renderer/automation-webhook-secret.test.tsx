import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AutomationSettings } from '../../../renderer/src/features/print-email/AutomationSettings';
import { renderWithCore } from './render';

/**
 * The automations screen never reads the webhook signing secret: it shows whether one is set and
 * since when, and a new one only in the answer to the manager's Create / Rotate, until Done.
 */

const SECRET = 'whsec_c2VjcmV0LXNob3duLW9uY2Utb25seS0xMjM0';
const secretBox = () => within(screen.getByRole('group', { name: 'Webhook signing secret' }));

describe('automations: the webhook signing secret', () => {
  it('says "set on <date>" and offers Rotate; nothing asks the core for the secret on the way in', async () => {
    const { calls } = renderWithCore(<AutomationSettings />, {
      'automations.list': [],
      'automations.webhookSecretStatus': { set: true, setAt: '2026-11-28T09:30:00.000Z' },
    });
    expect(await secretBox().findByText(/^Set on .*2026.*It is not shown again/)).toBeTruthy();
    expect(secretBox().getByRole('button', { name: 'Rotate' })).toBeTruthy();
    expect(calls.map((c) => c.method).sort()).toEqual(['automations.list', 'automations.webhookSecretStatus']);
    expect(document.body.textContent).not.toContain('whsec_');
  });

  it('rotating asks first; Cancel sends nothing, Rotate now shows the new secret once, until Done', async () => {
    const { user, calls } = renderWithCore(<AutomationSettings />, {
      'automations.list': [],
      'automations.webhookSecretStatus': { set: true, setAt: null },
      'automations.rotateWebhookSecret': { secret: SECRET, setAt: '2026-12-01T17:00:00.000Z' },
    });
    await user.click(await secretBox().findByRole('button', { name: 'Rotate' }));
    expect(secretBox().getByText(/Rotate now\?$/)).toBeTruthy();
    await user.click(secretBox().getByRole('button', { name: 'Cancel' }));
    expect(calls.some((c) => c.method === 'automations.rotateWebhookSecret')).toBe(false);

    await user.click(secretBox().getByRole('button', { name: 'Rotate' }));
    await user.click(secretBox().getByRole('button', { name: 'Rotate now' }));
    const shown = (await secretBox().findByRole('textbox', { name: 'Webhook signing secret' })) as HTMLInputElement;
    expect(shown.value).toBe(SECRET);
    expect(shown.readOnly).toBe(true);
    expect(secretBox().getByText(/shown this once only/)).toBeTruthy();
    expect(secretBox().getByText(/^Set on .*2026/)).toBeTruthy();
    expect(calls.filter((c) => c.method === 'automations.rotateWebhookSecret')).toHaveLength(1);

    await user.click(secretBox().getByRole('button', { name: 'Done, I copied it' }));
    expect(document.body.innerHTML).not.toContain(SECRET);
    expect(secretBox().getByRole('button', { name: 'Rotate' })).toBeTruthy();
  });

  it('without a secret: says webhooks wait, and Create makes one without asking', async () => {
    const { user, calls } = renderWithCore(<AutomationSettings />, {
      'automations.list': [],
      'automations.webhookSecretStatus': { set: false, setAt: null },
      'automations.rotateWebhookSecret': { secret: SECRET, setAt: '2026-12-01T17:00:00.000Z' },
    });
    expect(await secretBox().findByText(/webhooks wait until a signing secret is created/)).toBeTruthy();
    await user.click(secretBox().getByRole('button', { name: 'Create signing secret' }));
    expect(((await secretBox().findByRole('textbox')) as HTMLInputElement).value).toBe(SECRET);
    expect(calls.filter((c) => c.method === 'automations.rotateWebhookSecret')).toHaveLength(1);
  });
});
