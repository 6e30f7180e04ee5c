import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';

/** `GET /health`; its dependencies come from the global infrastructure and operations modules. */
@Module({ controllers: [HealthController] })
export class HealthModule {}
