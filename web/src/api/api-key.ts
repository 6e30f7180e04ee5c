import { createStore } from '../state';

const STORAGE_KEY = 'ktrdr.apiKey';

/**
 * Whether the API accepts us: `open` until it answers 401, then `needed` (no key given) or
 * `wrong` (the key given was refused). The key lives in sessionStorage only: one tab, gone when
 * the tab closes.
 */
export type KeyStatus = 'open' | 'needed' | 'wrong';

export const keyStatus = createStore<KeyStatus>('open');

/** Bumped whenever a new key is entered: pages and the socket reload with it. */
export const keyEpoch = createStore(0);

export function currentKey(): string | null {
  return sessionStorage.getItem(STORAGE_KEY);
}

/** Stores the key for this tab and tells everyone to retry with it. */
export function enterKey(key: string): void {
  sessionStorage.setItem(STORAGE_KEY, key.trim());
  keyStatus.set('open');
  keyEpoch.update((epoch) => epoch + 1);
}

/** The API (REST or socket) refused us: with a key, that key is wrong; without, one is needed. */
export function keyRefused(): void {
  keyStatus.set(currentKey() === null ? 'needed' : 'wrong');
}
