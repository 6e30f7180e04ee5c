import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DataModule } from '../data';
import { HostAdaptersModule } from '../host-adapters';
import { DiagnosticsController } from './diagnostics.controller';
import { HealthController } from './health.controller';
import { ReadinessIndicators } from './readiness.indicators';

/**
 * `GET /health` (terminus indicators: the database through the operations store, each host
 * adapter; the rest comes from the global infrastructure and operations modules) and the
 * key-protected `GET /health/diagnostics` (adapters and the market-data provider).
 */
@Module({
  imports: [TerminusModule.forRoot(), HostAdaptersModule, DataModule],
  controllers: [HealthController, DiagnosticsController],
  providers: [ReadinessIndicators],
})
export class HealthModule {}
