import { useState } from 'react';
import type { PersonTile } from '../../../../shared/api/people-schemas';
import { useApi } from '../../api/api-context';
import { useT } from '../../i18n/use-i18n';
import { PinPad } from './PinPad';
import { useSessionAction } from './use-people-action';

/** A person the back-office announced with an enrolment code chooses their PIN. */
export function EnrolForm({ person }: { person: PersonTile }) {
  const api = useApi();
  const t = useT();
  const [code, setCode] = useState('');
  const enrol = useSessionAction((input: { userId: string; code: string; pin: string }) =>
    api.call('people.enrol', input),
  );
  return (
    <div className="enrol">
      <p>{t('people.enrol.title', { name: person.name })}</p>
      <label className="field">
        <span>{t('people.enrol.code')}</span>
        <input value={code} autoComplete="off" onChange={(event) => setCode(event.target.value)} />
      </label>
      <PinPad
        label={t('people.enrol.pin')}
        submitLabel={t('people.enrol.submit')}
        busy={enrol.isPending || code.trim().length < 4}
        resetKey={enrol.error}
        onSubmit={(pin) => enrol.mutate({ userId: person.id, code: code.trim(), pin })}
      />
      {enrol.problem && (
        <p className="form-error" role="alert">
          {enrol.problem}
        </p>
      )}
    </div>
  );
}
