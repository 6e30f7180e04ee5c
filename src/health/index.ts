export { HealthController, type HealthReport } from './health.controller';
export { HealthModule } from './health.module';
export { DiagnosticsController, type DiagnosticsReport } from './diagnostics.controller';
