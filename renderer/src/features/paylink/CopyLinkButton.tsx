import { useEffect, useState } from 'react';
import { useT } from '../../i18n/use-i18n';

/** Copies the link to the clipboard and says so (or says to copy by hand when the browser refuses). */
export function CopyLinkButton({ url, className = 'secondary-action' }: { url: string; className?: string }) {
  const t = useT();
  const [result, setResult] = useState<'copied' | 'failed' | null>(null);
  useEffect(() => {
    if (result !== 'copied') return;
    const timer = setTimeout(() => setResult(null), 4_000);
    return () => clearTimeout(timer);
  }, [result]);
  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(url);
      setResult('copied');
    } catch {
      setResult('failed');
    }
  };
  return (
    <>
      <button type="button" className={`${className} paylink-copy`} onClick={() => void copy()}>
        {t('paylink.copy')}
      </button>
      <span
        role="status"
        className={`copy-result ${result === 'failed' ? 'problem small' : 'notice small'}`}
        hidden={result === null}
      >
        {result === 'copied' ? t('paylink.copied') : result === 'failed' ? t('paylink.copyFailed') : ''}
      </span>
    </>
  );
}
