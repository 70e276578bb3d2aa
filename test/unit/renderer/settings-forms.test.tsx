import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ClientError } from '../../../renderer/src/api/client-error';
import { ProviderForm } from '../../../renderer/src/features/settings/ProviderForm';
import { SettingsView } from '../../../renderer/src/features/settings/SettingsView';
import type { BackofficeSettings, ProviderSettingsList, ProviderSettingsView } from '../../../shared/api/schemas';
import { renderWithCore } from './render';

/** A provider as its module declares it: an id, a key, a switch and a url. */
function aProvider(overrides: Partial<ProviderSettingsView> = {}): ProviderSettingsView {
  return {
    providerId: 'acme',
    title: { nl: 'Acme Betalen', en: 'Acme Payments' },
    source: 'settings',
    fields: [
      { name: 'serviceId', kind: 'text', label: { nl: 'Service-id', en: 'Service id' }, required: true, env: [] },
      { name: 'apiKey', kind: 'secret', label: { nl: 'API-sleutel', en: 'API key' }, required: true, env: [] },
      { name: 'testMode', kind: 'boolean', label: { nl: 'Testmodus', en: 'Test mode' }, required: false, env: [] },
      { name: 'baseUrl', kind: 'url', label: { nl: 'Adres', en: 'Address' }, required: false, env: [] },
    ],
    values: { serviceId: 'SL-1234-5678', testMode: true, baseUrl: 'https://acme.example' },
    secretSet: { apiKey: true },
    lanTerminals: false,
    ...overrides,
  };
}

function aList(view: ProviderSettingsView): ProviderSettingsList {
  return { providers: [view], webhooks: { listening: false, publicUrl: null } };
}

const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;

describe('provider settings form, built from the fields a provider declares', () => {
  it('shows one input per descriptor, with the saved values but never a secret', () => {
    renderWithCore(<ProviderForm view={aProvider()} />);
    expect(screen.getByRole('form', { name: 'Acme Payments' })).toBeTruthy();
    expect(field('Service id').value).toBe('SL-1234-5678');
    expect(field('Test mode').checked).toBe(true);
    expect(field('Address').type).toBe('url');
    const key = field('API key');
    expect(key.type).toBe('password');
    expect(key.value).toBe('');
    expect(key.placeholder).toBe('•••••• stored — leave empty to keep it');
  });

  it('says nothing is stored when no secret is set', () => {
    renderWithCore(<ProviderForm view={aProvider({ secretSet: { apiKey: false } })} />);
    expect(field('API key').value).toBe('');
    expect(field('API key').placeholder).toBe('');
  });

  it('sends only filled fields: an untouched secret keeps the stored one', async () => {
    const view = aProvider();
    const { user, calls } = renderWithCore(<ProviderForm view={view} />, {
      'providers.settings.save': aList(view),
    });
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'Saved.');
    expect(calls).toContainEqual({
      method: 'providers.settings.save',
      input: {
        providerId: 'acme',
        values: { serviceId: 'SL-1234-5678', testMode: true, baseUrl: 'https://acme.example' },
      },
    });
  });

  it('sends a typed secret once and empties its field', async () => {
    const view = aProvider();
    const { user, calls } = renderWithCore(<ProviderForm view={view} />, {
      'providers.settings.save': aList(view),
    });
    await user.type(field('API key'), 'sk-new-secret');
    await user.click(field('Test mode'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('status');
    expect(calls.find((c) => c.method === 'providers.settings.save')?.input).toEqual({
      providerId: 'acme',
      values: { serviceId: 'SL-1234-5678', apiKey: 'sk-new-secret', testMode: false, baseUrl: 'https://acme.example' },
    });
    expect(field('API key').value).toBe('');
  });

  it('shows why the core refused a save, and no "Saved."', async () => {
    const { user } = renderWithCore(<ProviderForm view={aProvider()} />, {
      'providers.settings.save': () => {
        throw new ClientError('providers_from_environment', 'refused');
      },
    });
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('environment');
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('locks the form when the environment sets the provider', () => {
    renderWithCore(<ProviderForm view={aProvider({ source: 'environment' })} />);
    expect(field('Service id').disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('back-office settings form', () => {
  const stored: BackofficeSettings = { source: 'settings', url: 'https://bo.example', stationId: 'C1', tokenSet: true };

  it('explains the station id next to its field', async () => {
    renderWithCore(<SettingsView />, { 'backoffice.settings': stored });
    const station = await screen.findByLabelText('Station id of this counter');
    await waitFor(() => expect((station as HTMLInputElement).value).toBe('C1'));
    const hint = document.getElementById(station.getAttribute('aria-describedby') ?? '');
    expect(hint?.textContent).toBe('1 to 8 letters or digits (e.g. C1); it goes into every payment reference.');
    expect(station.getAttribute('maxLength')).toBe('8');
  });

  it('never shows the token: only that one is stored, and an empty field keeps it', async () => {
    const { user, calls } = renderWithCore(<SettingsView />, {
      'backoffice.settings': stored,
      'backoffice.configure': stored,
    });
    const token = (await screen.findByLabelText('Access token')) as HTMLInputElement;
    await waitFor(() => expect(token.placeholder).toBe('•••••• stored — leave empty to keep it'));
    expect(token.type).toBe('password');
    expect(token.value).toBe('');
    await user.click(screen.getByRole('button', { name: 'Save and connect' }));
    await screen.findByText('Saved. Kassa is connecting to the back-office.');
    expect(calls.find((c) => c.method === 'backoffice.configure')?.input).toEqual({
      url: 'https://bo.example',
      stationId: 'C1',
    });
  });

  it('sends a typed token and forgets it once the core has it', async () => {
    const { user, calls } = renderWithCore(<SettingsView />, {
      'backoffice.settings': stored,
      'backoffice.configure': stored,
    });
    const token = (await screen.findByLabelText('Access token')) as HTMLInputElement;
    await waitFor(() => expect(field('Station id of this counter').value).toBe('C1'));
    await user.type(token, 'a-new-token-1234');
    await user.click(screen.getByRole('button', { name: 'Save and connect' }));
    await screen.findByText('Saved. Kassa is connecting to the back-office.');
    expect(calls.find((c) => c.method === 'backoffice.configure')?.input).toEqual({
      url: 'https://bo.example',
      stationId: 'C1',
      token: 'a-new-token-1234',
    });
    expect(token.value).toBe('');
  });

  it('shows why the core refused the connection, and keeps the typed token', async () => {
    const { user } = renderWithCore(<SettingsView />, {
      'backoffice.settings': stored,
      'backoffice.configure': () => {
        throw new ClientError('backoffice_from_environment', 'refused');
      },
    });
    await waitFor(() => expect(field('Station id of this counter').value).toBe('C1'));
    await user.type(field('Access token'), 'a-new-token-1234');
    await user.click(screen.getByRole('button', { name: 'Save and connect' }));
    expect((await screen.findByRole('alert')).textContent).toContain('environment');
    expect(screen.queryByText('Saved. Kassa is connecting to the back-office.')).toBeNull();
    expect(field('Access token').value).toBe('a-new-token-1234');
  });
});
