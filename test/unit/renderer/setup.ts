import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { useCounterStore } from '../../../renderer/src/state/counter-store';
import { speak } from './render';

beforeEach(() => speak('en'));

// Testing Library unmounts after each test only when it sees vitest's globals; they are off here.
afterEach(() => {
  cleanup();
  useCounterStore.setState(useCounterStore.getInitialState(), true);
});
