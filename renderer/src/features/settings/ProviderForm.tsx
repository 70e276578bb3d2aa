import { startTransition, useActionState, useRef } from 'react';
import type { FieldDescriptor, ProviderSettingsView } from '../../../../shared/api/schemas';
import { ActionProblem } from '../../components/ActionProblem';
import { useLanguage, useT } from '../../i18n/use-i18n';
import { LanTerminals } from './LanTerminals';
import { useSaveProviderSettings } from './mutations';

type SaveState = { readonly saved: boolean; readonly error: Error | null };

/**
 * One provider's settings form, from the fields its module declares. Secret fields are sent only
 * when typed (empty keeps the stored one) and are emptied after every save.
 */
export function ProviderForm({ view }: { view: ProviderSettingsView }) {
  const t = useT();
  const language = useLanguage();
  const saveSettings = useSaveProviderSettings();
  const form = useRef<HTMLFormElement>(null);
  const [state, save, pending] = useActionState(
    async (_previous: SaveState, values: Record<string, string | boolean>): Promise<SaveState> => {
      try {
        await saveSettings.mutateAsync({ providerId: view.providerId, values });
        return { saved: true, error: null };
      } catch (error) {
        return { saved: false, error: error instanceof Error ? error : new Error(String(error)) };
      }
    },
    { saved: false, error: null },
  );
  const locked = view.source === 'environment';
  // Saved values are shown again whenever the core's answer changes (after a save, a refetch).
  const shownKey = JSON.stringify(view.values);

  return (
    <form
      ref={form}
      className="pay-form settings-form"
      aria-label={view.title[language]}
      onSubmit={(e) => {
        e.preventDefault();
        const values = readValues(e.currentTarget, view.fields);
        for (const field of view.fields) {
          if (field.kind === 'secret') input(e.currentTarget, field).value = '';
        }
        startTransition(() => save(values));
      }}
    >
      <h2>{view.title[language]}</h2>
      <p className="muted">{t(`settings.provider.${view.source}`)}</p>
      {view.fields.map((field) => (
        <Field
          key={`${field.name}:${shownKey}`}
          id={`${view.providerId}-${field.name}`}
          field={field}
          label={field.label[language]}
          value={view.values[field.name] ?? null}
          stored={view.secretSet[field.name] ?? false}
          disabled={locked}
        />
      ))}
      <Outcome error={state.error} saved={state.saved} />
      <button type="submit" className="pay-button" disabled={locked || pending}>
        {t('settings.saveProvider')}
      </button>
      {view.lanTerminals && <LanTerminals providerId={view.providerId} />}
    </form>
  );
}

function input(form: HTMLFormElement, field: FieldDescriptor): HTMLInputElement {
  return form.elements.namedItem(field.name) as HTMLInputElement;
}

/** What the form sends: text as typed, switches as true/false, secrets only when typed. */
function readValues(form: HTMLFormElement, fields: readonly FieldDescriptor[]): Record<string, string | boolean> {
  const values: Record<string, string | boolean> = {};
  for (const field of fields) {
    const element = input(form, field);
    if (field.kind === 'boolean') values[field.name] = element.checked;
    else if (field.kind !== 'secret' || element.value) values[field.name] = element.value;
  }
  return values;
}

function Field(props: {
  id: string;
  field: FieldDescriptor;
  label: string;
  value: string | boolean | null;
  stored: boolean;
  disabled: boolean;
}) {
  const t = useT();
  const { field } = props;
  if (field.kind === 'boolean') {
    return (
      <label className="check-label" htmlFor={props.id}>
        <input
          id={props.id}
          name={field.name}
          type="checkbox"
          defaultChecked={props.value !== false}
          disabled={props.disabled}
        />{' '}
        {props.label}
      </label>
    );
  }
  const secret = field.kind === 'secret';
  return (
    <>
      <label className="field-label" htmlFor={props.id}>
        {props.label}
      </label>
      <input
        id={props.id}
        name={field.name}
        className="search-input"
        type={secret ? 'password' : field.kind === 'url' ? 'url' : 'text'}
        autoComplete={secret ? 'off' : undefined}
        defaultValue={secret ? '' : typeof props.value === 'string' ? props.value : ''}
        disabled={props.disabled}
        placeholder={secret && props.stored ? t('settings.secretStored') : ''}
      />
    </>
  );
}

function Outcome({ error, saved }: { error: Error | null; saved: boolean }) {
  const t = useT();
  if (error) return <ActionProblem error={error} />;
  return saved ? <p role="status">{t('settings.providerSaved')}</p> : null;
}
