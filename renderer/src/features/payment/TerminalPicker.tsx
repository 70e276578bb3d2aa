import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/api-context';
import { queries } from '../../api/queries';
import { useT } from '../../i18n/use-i18n';
import { useSetDefaultTerminal } from './mutations';

/** The counter remembers its terminal: choosing one here makes it the default. */
export function TerminalPicker({ value, onChange }: { value: string | null; onChange: (id: string) => void }) {
  const api = useApi();
  const t = useT();
  const terminals = useQuery(queries.terminals(api));
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
          remember.mutate(e.target.value);
        }}
      >
        <option value="" disabled>
          —
        </option>
        {(terminals.data ?? []).map((terminal) => (
          <option key={terminal.id} value={terminal.id} disabled={!terminal.online}>
            {terminal.online ? terminal.name : t('pay.terminalOffline', { name: terminal.name })}
          </option>
        ))}
      </select>
    </>
  );
}
