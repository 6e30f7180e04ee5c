export { DashboardModule, NOT_THE_PAGE } from './dashboard.module';
export { DASHBOARD_DIR } from './dashboard.constants';
export { locateDashboard } from './dashboard-location';
