export { App } from './app';
export { ROUTES, type PageRoute } from './routes';
