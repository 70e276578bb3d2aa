import { describeFailure } from '../i18n/describe-error';
import { useMoney, useT } from '../i18n/use-i18n';

/** Why the last action was refused, in the cashier's words, as an alert; nothing while there is none. */
export function ActionProblem({ error, currency }: { error: unknown; currency: string }) {
  const t = useT();
  const money = useMoney();
  if (error === null || error === undefined) return null;
  return (
    <p className="problem" role="alert">
      {describeFailure(t, (minor) => money(minor, currency), error)}
    </p>
  );
}
