export { HealthController, type HealthReport, type ComponentHealth } from './health.controller';
export { HEALTH_CHECK_TIMEOUT_MS } from './readiness.indicators';
export { HealthModule } from './health.module';
export { DiagnosticsController, type DiagnosticsReport } from './diagnostics.controller';
