import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { catchError, throwError, type Observable } from 'rxjs';
import { toDataHostError } from './market-data-error.mapper';

/** Turns market-data and provider errors into host errors with their real HTTP status. */
@Injectable()
export class MarketDataErrorsInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next
      .handle()
      .pipe(catchError((error: unknown) => throwError(() => toDataHostError(error))));
  }
}
