import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import {
  Body,
  Controller,
  Get,
  Logger,
  Module,
  NotFoundException,
  Post,
  Res,
  type DynamicModule,
  type LogLevel,
} from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { IsInt, IsString, Matches, Min } from 'class-validator';
import { sleep } from '@ktrdr/async-infrastructure';
import { Public } from '../auth/public.decorator';
import { AppError } from '../errors/app-error';
import { defineErrorCodes } from '../errors/error-codes';
import { HostHealthController, type HostHealthCheck } from '../health/host-health.controller';
import { HttpKitModule } from '../http-kit.module';
import type { HttpKitOptions } from '../http-kit.options';
import { RequestSignal } from '../request/request-signal.decorator';
import { createHttpApp } from '../server/create-http-app';

/** Events the test controllers emit (test support, not product API). */
export const kitEvents = new EventEmitter();

defineErrorCodes({ BEFORE_HEAD_TIMESTAMP: 422 });

class ItemDto {
  @IsString()
  @Matches(/^[A-Z]+$/, { message: 'symbol must be upper-case letters' })
  symbol!: string;

  @Min(1)
  @IsInt()
  count!: number;
}

@Controller()
class TestController {
  private readonly logger = new Logger('TestController');

  @Get('slow')
  async slow(@RequestSignal() signal: AbortSignal): Promise<{ done: true }> {
    signal.addEventListener('abort', () => kitEvents.emit('slow-aborted', signal.reason));
    kitEvents.emit('slow-started');
    await sleep(60_000, signal);
    return { done: true };
  }

  @Get('fast')
  fast(
    @RequestSignal() signal: AbortSignal,
    @Res({ passthrough: true }) res: ServerResponse,
  ): { ok: true } {
    kitEvents.emit('fast-signal', signal, res);
    return { ok: true };
  }

  @Post('items')
  create(@Body() dto: ItemDto): { created: ItemDto; isDto: boolean } {
    return { created: dto, isDto: dto instanceof ItemDto };
  }

  /** Open to callers without the key, body and all. */
  @Public()
  @Post('public-items')
  createPublic(@Body() dto: ItemDto): { created: ItemDto } {
    return { created: dto };
  }

  @Get('paced')
  paced(): never {
    throw new AppError('PACING_VIOLATION', 'slow down', {
      httpStatus: 429,
      retryAfterSeconds: 2.2,
      details: { retry_after_ms: 2200 },
    });
  }

  @Get('missing')
  missing(): never {
    throw new NotFoundException('no such symbol');
  }

  /** A plain error with a declared code (as the market-data lib throws). */
  @Get('typed')
  typed(): never {
    throw Object.assign(new Error('start is before the head timestamp'), {
      code: 'BEFORE_HEAD_TIMESTAMP',
    });
  }

  @Get('boom')
  boom(): never {
    throw new Error('kaboom');
  }

  @Get('logs')
  async logs(): Promise<{ ok: true }> {
    await sleep(1);
    this.logger.log('handled the logs route');
    return { ok: true };
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

@Module({})
class KitTestModule {
  static register(options: HttpKitOptions): DynamicModule {
    return {
      module: KitTestModule,
      imports: [HttpKitModule.forRoot(options)],
      controllers: [TestController, TestHealthController],
    };
  }
}

/** An app built with the kit (created, not listening) with the test routes. */
export function createKitTestApp(
  options: HttpKitOptions = {},
  logger: LogLevel[] | false = false,
): Promise<NestExpressApplication> {
  return createHttpApp(KitTestModule.register(options), { logger });
}
