import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connect } from './api/api-client';
import { ApiProvider } from './api/api-context';
import { connectLiveEvents } from './api/live-events';
import { withManagerApproval } from './api/manager-approval';
import { PeopleGate } from './features/people/PeopleGate';
import { peopleBroker } from './features/people/people-broker';
import { App } from './features/shell/App';
import './styles.css';

const root = createRoot(document.getElementById('root') as HTMLElement);
const connected = connect();
// Every screen's calls get the manager-approval dialog and follow the sign-in state (issue 12).
const api = connected && withManagerApproval(connected, peopleBroker);

if (!api) {
  root.render(
    <p className="fatal">
      Kassa: this window has no access token. Open the address printed by <code>npm start</code>.
    </p>,
  );
} else {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false }, mutations: { retry: false } },
  });
  connectLiveEvents(api, queryClient);
  root.render(
    <StrictMode>
      <ApiProvider client={api}>
        <QueryClientProvider client={queryClient}>
          <PeopleGate>
            <App />
          </PeopleGate>
        </QueryClientProvider>
      </ApiProvider>
    </StrictMode>,
  );
}
