import type { ApiClient } from '../api/api-client';

/** Fetches the receipt PDF from the core and opens it in a new window (the browser's PDF viewer). */
export async function openReceipt(api: ApiClient, paymentId: string, locale: 'nl' | 'en'): Promise<void> {
  const viewer = window.open('', '_blank');
  const file = await api.call('receipts.pdf', { paymentId, locale });
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  if (viewer) viewer.location.href = url;
  else window.location.assign(url);
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
