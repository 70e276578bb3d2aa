import { ClientError } from '../../api/client-error';
import { describeError } from '../../i18n/describe-error';
import { useT } from '../../i18n/use-i18n';

/** A refused call, in the cashier's language. */
export function Problem({ error }: { error: unknown }) {
  const t = useT();
  if (!error) return null;
  return (
    <p className="problem" role="alert">
      {error instanceof ClientError ? describeError(t, String, error.code, error.params) : t('error.internal')}
    </p>
  );
}
