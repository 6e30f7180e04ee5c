import { Module } from '@nestjs/common';
import { DataModule } from '../data';
import { HostAdaptersModule } from '../host-adapters';
import { DiagnosticsController } from './diagnostics.controller';
import { HealthController } from './health.controller';

/**
 * `GET /health` (its dependencies come from the global infrastructure and operations modules)
 * and the key-protected `GET /health/diagnostics` (adapters and the market-data provider).
 */
@Module({
  imports: [HostAdaptersModule, DataModule],
  controllers: [HealthController, DiagnosticsController],
})
export class HealthModule {}
