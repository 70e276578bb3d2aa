import { useMutation } from '@tanstack/react-query';
import { useApi } from '../../api/api-context';
import { useT } from '../../i18n/use-i18n';

/** Re-checks the whole chain in the core and says OK, or the row where it breaks and why. */
export function AuditVerifyButton() {
  const api = useApi();
  const t = useT();
  const verify = useMutation({ mutationFn: () => api.call('audit.verify', {}) });
  const result = verify.data;
  return (
    <div className="audit-verify">
      <button type="button" className="small-button" disabled={verify.isPending} onClick={() => verify.mutate()}>
        {t('audit.verify')}
      </button>
      {result && (
        <p role="status" className={result.ok ? 'audit-ok' : 'audit-broken'} data-testid="audit-verify-result">
          {result.ok
            ? t('audit.verify.ok', { checked: result.checked })
            : result.reason === 'guards_removed' || result.reason === null
              ? t('audit.verify.guards', { checked: result.checked })
              : t('audit.verify.broken', {
                  seq: result.brokenAt ?? '?',
                  reason: t(`audit.reason.${result.reason}`),
                  checked: result.checked,
                })}
        </p>
      )}
    </div>
  );
}
