import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useApi } from '../../api/api-context';
import { describeFailure } from '../../i18n/describe-error';
import { useT } from '../../i18n/use-i18n';
import { PinPad } from './PinPad';
import { peopleBroker, usePeopleScreen } from './people-broker';
import { peopleQueries } from './people-queries';

/**
 * On the cashier's screen, when the core refused an action with `manager_required`: a manager
 * picks their name and types their PIN; the core grants one use of that action, and the API
 * client sends it again (api/manager-approval.ts).
 */
export function ManagerApprovalDialog() {
  const method = usePeopleScreen((state) => state.pendingApproval);
  if (!method) return null;
  return <ApprovalDialog method={method} />;
}

function ApprovalDialog({ method }: { method: string }) {
  const api = useApi();
  const t = useT();
  const tiles = useQuery(peopleQueries.tiles(api));
  const managers = (tiles.data ?? []).filter(
    (person) => (person.role === 'manager' || person.role === 'owner') && !person.lockedOut && !person.needsEnrolment,
  );
  const [managerId, setManagerId] = useState<string | null>(null);
  const chosen = managers.find((m) => m.id === managerId) ?? (managers.length === 1 ? managers[0] : undefined);
  const approve = useMutation({
    mutationFn: (pin: string) => api.call('people.approve', { userId: chosen?.id ?? '', pin, method }),
    onSuccess: () => peopleBroker.settle(true),
  });
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    dialog.current?.querySelector<HTMLElement>('input, button')?.focus();
  }, []);

  return (
    <div className="overlay">
      <div
        ref={dialog}
        className="status-panel approval-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="approval-title"
        onKeyDown={(event) => {
          if (event.key === 'Escape') peopleBroker.settle(false);
        }}
      >
        <h2 id="approval-title">{t('people.approval.title')}</h2>
        <p>{t('people.approval.intro')}</p>
        {tiles.isSuccess && managers.length === 0 && <p className="form-error">{t('people.approval.noManagers')}</p>}
        <fieldset className="approval-managers" aria-label={t('people.approval.manager')}>
          {managers.map((manager) => (
            <button
              key={manager.id}
              type="button"
              className="person-tile small"
              aria-pressed={chosen?.id === manager.id}
              onClick={() => {
                approve.reset();
                setManagerId(manager.id);
              }}
            >
              {manager.name}
            </button>
          ))}
        </fieldset>
        {chosen && (
          <PinPad
            label={t('people.approval.pin')}
            submitLabel={t('people.approval.approve')}
            busy={approve.isPending}
            resetKey={`${chosen.id}${String(approve.error)}`}
            onSubmit={(pin) => approve.mutate(pin)}
          />
        )}
        {approve.error && (
          <p className="form-error" role="alert">
            {describeFailure(t, String, approve.error)}
          </p>
        )}
        <button type="button" className="secondary-action" onClick={() => peopleBroker.settle(false)}>
          {t('people.approval.cancel')}
        </button>
      </div>
    </div>
  );
}
