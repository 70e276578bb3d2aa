import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, renderHook } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import type { ApiClient } from '../../../renderer/src/api/api-client';
import { ApiProvider } from '../../../renderer/src/api/api-context';
import { useSetLanguage } from '../../../renderer/src/i18n/use-i18n';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract';

/** What the fake core answers per method: a value, or a function of the input. Unlisted methods never answer. */
export type CoreAnswers = {
  [M in MethodName]?: MethodOutput<M> | ((input: MethodInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>>);
};

export interface CoreCall {
  method: MethodName;
  input: unknown;
}

/** Renders a component as the app does (react-query + the typed API), against a scripted core. */
export function renderWithCore(ui: ReactElement, answers: CoreAnswers = {}, queryClient = testQueryClient()) {
  const calls: CoreCall[] = [];
  // Looked up by name at run time; CoreAnswers keeps each answer typed where a test writes it.
  const scripted: Partial<Record<MethodName, unknown>> = answers;
  const client: ApiClient = {
    call: async (method, input) => {
      calls.push({ method, input });
      const answer = scripted[method];
      if (answer === undefined) return new Promise<never>(() => {});
      return (typeof answer === 'function' ? await answer(input) : answer) as never;
    },
    subscribe: () => () => {},
  };
  const user = userEvent.setup();
  const view = render(
    <QueryClientProvider client={queryClient}>
      <ApiProvider client={client}>{ui}</ApiProvider>
    </QueryClientProvider>,
  );
  return { ...view, user, calls, queryClient };
}

/** A cache as the app's, without retries: a refused call shows at once. */
export function testQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
}

/** Switches the UI language the way the header's NL/EN buttons do. */
export function speak(language: 'nl' | 'en'): void {
  const { result, unmount } = renderHook(() => useSetLanguage());
  act(() => result.current(language));
  unmount();
}
