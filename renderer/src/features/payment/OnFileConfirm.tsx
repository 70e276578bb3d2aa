import { useT } from '../../i18n/use-i18n';
import { onFileText, providerName, type TerminalChoice } from './terminal-choices';

/**
 * A card or bank account on file is charged without the customer there to approve it, so the
 * cashier confirms what is charged to whom. Nothing about the card is typed: the provider keeps it.
 */
export function OnFileConfirm({
  choice,
  customerName,
  amount,
  onCharge,
  onBack,
}: {
  choice: TerminalChoice;
  customerName: string;
  amount: string;
  onCharge: () => void;
  onBack: () => void;
}) {
  const t = useT();
  const method = choice.onFile ? onFileText(choice.onFile) || choice.terminal.name : choice.terminal.name;
  return (
    <div className="on-file-confirm" role="alertdialog" aria-labelledby="on-file-confirm-title">
      <p id="on-file-confirm-title" className="strong">
        {t('paytrace.confirmTitle')}
      </p>
      <p>{t('paytrace.confirm', { amount, customer: customerName, method })}</p>
      <p className="muted small">{t('paytrace.noCardData', { provider: providerName(choice.terminal.provider) })}</p>
      <div className="on-file-actions">
        <button type="button" className="pay-button" onClick={onCharge}>
          {t('paytrace.confirmButton', { amount })}
        </button>
        <button type="button" className="cancel-button" onClick={onBack}>
          {t('paytrace.back')}
        </button>
      </div>
    </div>
  );
}
