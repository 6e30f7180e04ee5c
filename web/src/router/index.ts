export {
  interceptLinks,
  location,
  matchPath,
  navigate,
  useLocation,
  type Location,
} from './router';
export type { PageProps } from './page-props';
