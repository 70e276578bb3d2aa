import { useEffect, useState } from 'react';
import type { Invoice } from '../../../../shared/api/schemas';
import { describeAmountProblem } from '../../../../shared/money/amount-problem';
import { isCurrencyCode } from '../../../../shared/money/currency';
import { formatAmountInput } from '../../../../shared/money/format';
import { parseAmount } from '../../../../shared/money/parse';
import { useLanguage, useMoney, useT } from '../../i18n/use-i18n';
import { useCounterStore } from '../../state/counter-store';

/** The amount this payment puts on one invoice; the cashier may type another split. */
export function SplitInput({
  invoice,
  appliedMinor,
  remainingMinor,
}: {
  invoice: Invoice;
  appliedMinor: number;
  remainingMinor: number;
}) {
  const t = useT();
  const money = useMoney();
  const language = useLanguage();
  const splitSet = useCounterStore((s) => s.splitSet);
  // An invoice in a currency Kassa does not know gets no field at all: nothing to read an amount in.
  const currency = isCurrencyCode(invoice.currency) ? invoice.currency : null;
  const shown = currency ? formatAmountInput(appliedMinor, currency, language) : '';
  const [text, setText] = useState(shown);
  // Why the last typed split was not taken (e.g. an ambiguous "12,500"); the field shows the old one.
  const [refusal, setRefusal] = useState<string | null>(null);
  useEffect(() => {
    setText(shown);
    setRefusal(null);
  }, [shown]);

  if (currency === null) return null;

  const commit = () => {
    if (text === shown) return;
    if (text.trim() === '') return splitSet(invoice.id, null);
    const parsed = parseAmount(text, currency, language);
    if (parsed.ok) splitSet(invoice.id, parsed.minor);
    else if (parsed.error === 'zero') splitSet(invoice.id, 0);
    else {
      setText(shown);
      const problem = describeAmountProblem(parsed, currency, language);
      setRefusal(t(problem.key, problem.params));
    }
  };

  return (
    <span className="split">
      <input
        className="split-input"
        inputMode="decimal"
        aria-label={t('pay.splitFor', { number: invoice.number })}
        value={text}
        aria-invalid={refusal !== null}
        onChange={(e) => {
          setText(e.target.value);
          setRefusal(null);
        }}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
      {refusal ? (
        // In place of the "still owes" line, so the fixed-height row keeps its height; the full
        // sentence is in the tooltip and read out by screen readers.
        <span className="split-refusal" role="alert" title={refusal}>
          {refusal}
        </span>
      ) : (
        <span className="split-remaining small">
          {remainingMinor === 0
            ? t('pay.previewPaidOff')
            : t('pay.previewRemaining', { amount: money(remainingMinor, currency) })}
        </span>
      )}
    </span>
  );
}
