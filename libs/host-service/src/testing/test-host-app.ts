import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { Body, Controller, Get, Module, NotFoundException, Post, Res } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { IsInt, IsString, Matches, Min } from 'class-validator';
import { sleep } from '@ktrdr/async-infrastructure';
import { type HostAppOptions, configureHostApp } from '../configure-host-app';
import { HostHealthController, type HostHealthCheck } from '../host-health';
import { HostServiceError } from '../host-service-error';
import { RequestSignal } from '../request-signal.decorator';

/** Events the test controllers emit (test support, not product API). */
export const hostEvents = new EventEmitter();

class ItemDto {
  @IsString()
  @Matches(/^[A-Z]+$/, { message: 'symbol must be upper-case letters' })
  symbol!: string;

  @IsInt()
  @Min(1)
  count!: number;
}

@Controller()
class TestController {
  @Get('slow')
  async slow(@RequestSignal() signal: AbortSignal): Promise<{ done: true }> {
    signal.addEventListener('abort', () => hostEvents.emit('slow-aborted', signal.reason));
    hostEvents.emit('slow-started');
    await sleep(60_000, signal);
    return { done: true };
  }

  @Get('fast')
  fast(
    @RequestSignal() signal: AbortSignal,
    @Res({ passthrough: true }) res: ServerResponse,
  ): { ok: true } {
    hostEvents.emit('fast-signal', signal, res);
    return { ok: true };
  }

  @Post('items')
  create(@Body() dto: ItemDto): { created: ItemDto; isDto: boolean } {
    return { created: dto, isDto: dto instanceof ItemDto };
  }

  @Get('paced')
  paced(): never {
    throw new HostServiceError(429, 'PACING_VIOLATION', 'slow down', { retryAfterSeconds: 2.2 });
  }

  @Get('missing')
  missing(): never {
    throw new NotFoundException('no such symbol');
  }

  @Get('typed')
  typed(): never {
    throw Object.assign(new Error('start is before the head timestamp'), {
      status: 422,
      code: 'BEFORE_HEAD_TIMESTAMP',
    });
  }

  @Get('boom')
  boom(): never {
    throw new Error('kaboom');
  }
}

@Controller('health')
export class TestHealthController extends HostHealthController {
  static healthy = true;

  protected check(): HostHealthCheck {
    const healthy = TestHealthController.healthy;
    return { healthy, details: { provider: 'synthetic', connected: healthy } };
  }
}

@Module({ controllers: [TestController, TestHealthController] })
class TestHostModule {}

/** A configured (not yet listening) host app with the test routes. */
export async function createTestHostApp(options?: HostAppOptions): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(TestHostModule, { logger: false });
  return configureHostApp(app, options);
}
