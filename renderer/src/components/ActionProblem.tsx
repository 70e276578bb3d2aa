import { describeFailure } from '../i18n/describe-error';
import { useMoney, useT } from '../i18n/use-i18n';

/**
 * Why the last action was refused, in the cashier's words, as an alert; nothing while there is none.
 * Without a currency (a settings form) amounts in the refusal are shown as plain numbers.
 */
export function ActionProblem({ error, currency }: { error: unknown; currency?: string }) {
  const t = useT();
  const money = useMoney();
  if (error === null || error === undefined) return null;
  const amount = currency === undefined ? String : (minor: number) => money(minor, currency);
  return (
    <p className="problem" role="alert">
      {describeFailure(t, amount, error)}
    </p>
  );
}
