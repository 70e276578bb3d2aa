import { useT } from '../../i18n/use-i18n';
import { useSetDefaultTerminal } from './mutations';
import { choiceLabel, type TerminalChoice } from './terminal-choices';

/**
 * The counter remembers its terminal: choosing one here makes it the default. A card on file is
 * one customer's, so choosing it is never remembered for the next customer.
 */
export function TerminalPicker({
  choices,
  value,
  onChange,
}: {
  choices: readonly TerminalChoice[];
  value: string | null;
  onChange: (id: string) => void;
}) {
  const t = useT();
  const remember = useSetDefaultTerminal();

  return (
    <>
      <label className="field-label" htmlFor="terminal">
        {t('pay.terminal')}
      </label>
      <select
        id="terminal"
        className="terminal-select"
        value={value ?? ''}
        onChange={(e) => {
          onChange(e.target.value);
          const chosen = choices.find((choice) => choice.terminal.id === e.target.value);
          if (chosen && chosen.terminal.kind !== 'on_file') remember.mutate(e.target.value);
        }}
      >
        <option value="" disabled>
          —
        </option>
        {choices.map((choice) => (
          <option key={choice.terminal.id} value={choice.terminal.id} disabled={!choice.terminal.online}>
            {choiceLabel(choice, t)}
          </option>
        ))}
      </select>
    </>
  );
}
