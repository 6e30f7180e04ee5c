export { createStore, useStore, type Store } from './store';
