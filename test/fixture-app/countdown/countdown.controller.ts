import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import type { OperationStatus } from '@ktrdr/operations';
import { CountdownService } from './countdown.service';
import { StartCountdownDto } from './dto/start-countdown.dto';

/** Starts countdowns; progress, cancel and results go through the registry's routes. */
@Controller('fixture/countdown')
export class CountdownController {
  constructor(private readonly countdowns: CountdownService) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  start(
    @Body() dto: StartCountdownDto,
  ): Promise<{ operation_id: string; status: OperationStatus }> {
    return this.countdowns.start({ from: dto.from, tick_ms: dto.tick_ms });
  }
}
