import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../api/api-context';
import { keys, queries } from '../../api/queries';
import { useT } from '../../i18n/use-i18n';

/** The counter remembers its terminal: choosing one here makes it the default. */
export function TerminalPicker({ value, onChange }: { value: string | null; onChange: (id: string) => void }) {
  const api = useApi();
  const t = useT();
  const queryClient = useQueryClient();
  const terminals = useQuery(queries.terminals(api));
  const remember = useMutation({
    mutationFn: (terminalId: string) => api.call('counter.setDefaultTerminal', { terminalId }),
    onSuccess: (settings) => queryClient.setQueryData(keys.settings, settings),
  });

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
