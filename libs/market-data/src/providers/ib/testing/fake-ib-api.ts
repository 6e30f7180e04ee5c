import { EventEmitter } from 'node:events';
import {
  EventName,
  SecType,
  type BarSizeSetting,
  type Contract,
  type ContractDetails,
  type WhatToShow,
} from '@stoqey/ib';
import type { IbApiLike } from '../ib-api';

/** Not an IB event: emitted by the fake for every request it records. */
const CALL_EVENT = 'fake-call';

/** A request the fake received. */
export interface FakeIbCall {
  readonly method: string;
  readonly args: readonly unknown[];
}

/** One bar the fake sends, `time` as IB would (epoch seconds for intraday with formatDate=2). */
export interface FakeIbBar {
  readonly time: string;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/**
 * A stand-in for `@stoqey/ib`'s `IBApi` at its event interface: the same methods, answering
 * with the same events and argument lists (`connected`, `disconnected`, `error(Error, code,
 * reqId)`, `info(message, code)`, `contractDetails(reqId, details)`, `contractDetailsEnd(reqId)`,
 * `headTimestamp(reqId, value)`, `historicalData(reqId, time, o, h, l, c, v, count, WAP)` ending
 * with a `finished-…` row). Answers are asynchronous, like a socket's. Set the public fields to
 * script it; `calls` records every request.
 */
export class FakeIbApi extends EventEmitter implements IbApiLike {
  readonly calls: FakeIbCall[] = [];
  /** When false, connect() fails like a refused socket (502, then disconnected). */
  reachable = true;
  /** IB answers code 200 for these IB contract symbols. */
  unknownSymbols = new Set<string>();
  /** Epoch seconds the head timestamp answer carries. */
  headTimestampSeconds = String(Date.UTC(2005, 0, 3, 14, 30) / 1000);
  /** Bars answered to every historical request; `null` = never answer (to test abort/timeout). */
  historicalBars: FakeIbBar[] | null = [];
  /** When set, historical requests answer with this IB error instead of bars. */
  historicalError: { code: number; message: string } | null = null;
  private connectedFlag = false;

  get isConnected(): boolean {
    return this.connectedFlag;
  }

  /** The calls of one method, in order. */
  callsOf(method: string): FakeIbCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves with the first call of `method` (at once if it already happened). */
  waitForCall(method: string): Promise<FakeIbCall> {
    const done = this.callsOf(method)[0];
    if (done) return Promise.resolve(done);
    return new Promise((resolve) => {
      const onCall = (call: FakeIbCall): void => {
        if (call.method !== method) return;
        this.off(CALL_EVENT, onCall);
        resolve(call);
      };
      this.on(CALL_EVENT, onCall);
    });
  }

  /** Like IBApi's eventemitter3: an `error` nobody listens to is dropped, not thrown. */
  override emit(event: string | symbol, ...args: unknown[]): boolean {
    if (event === EventName.error && this.listenerCount(event) === 0) return false;
    return super.emit(event, ...args);
  }

  private record(method: string, args: readonly unknown[]): void {
    const call = { method, args };
    this.calls.push(call);
    this.emit(CALL_EVENT, call);
  }

  connect(clientId?: number): this {
    this.record('connect', [clientId]);
    setImmediate(() => {
      if (this.reachable) {
        this.connectedFlag = true;
        this.emit(EventName.connected);
        this.emit(EventName.nextValidId, 1);
        this.emit(EventName.info, 'Market data farm connection is OK:usfarm', 2104);
      } else {
        this.emit(EventName.error, new Error('connect ECONNREFUSED'), 502, -1);
        this.emit(EventName.disconnected);
      }
    });
    return this;
  }

  disconnect(): this {
    this.record('disconnect', []);
    if (this.connectedFlag) this.dropConnection();
    return this;
  }

  /** The gateway goes away: the socket closes. */
  dropConnection(): void {
    this.connectedFlag = false;
    this.emit(EventName.disconnected);
  }

  /** Emits an IB error for a request id, as `@stoqey/ib` does. */
  emitIbError(reqId: number, code: number, message: string): void {
    this.emit(EventName.error, new Error(message), code, reqId);
  }

  reqContractDetails(reqId: number, contract: Contract): this {
    this.record('reqContractDetails', [reqId, contract]);
    setImmediate(() => {
      if (this.unknownSymbols.has(contract.symbol ?? '')) {
        this.emitIbError(reqId, 200, 'No security definition has been found for the request');
        return;
      }
      const details: ContractDetails = {
        contract: {
          ...contract,
          conId: 265598,
          primaryExch: contract.secType === SecType.CASH ? undefined : 'NASDAQ',
        },
        longName: `${contract.symbol ?? ''} long name`,
      };
      this.emit(EventName.contractDetails, reqId, details);
      this.emit(EventName.contractDetailsEnd, reqId);
    });
    return this;
  }

  reqHeadTimestamp(
    reqId: number,
    contract: Contract,
    whatToShow: WhatToShow,
    useRTH: boolean,
    formatDate: number,
  ): this {
    this.record('reqHeadTimestamp', [reqId, contract, whatToShow, useRTH, formatDate]);
    setImmediate(() => this.emit(EventName.headTimestamp, reqId, this.headTimestampSeconds));
    return this;
  }

  cancelHeadTimestamp(reqId: number): this {
    this.record('cancelHeadTimestamp', [reqId]);
    return this;
  }

  reqHistoricalData(
    reqId: number,
    contract: Contract,
    endDateTime: string | undefined,
    durationStr: string,
    barSizeSetting: BarSizeSetting,
    whatToShow: WhatToShow,
    useRTH: number | boolean,
    formatDate: number,
    keepUpToDate: boolean,
  ): this {
    this.record('reqHistoricalData', [
      reqId,
      contract,
      endDateTime,
      durationStr,
      barSizeSetting,
      whatToShow,
      useRTH,
      formatDate,
      keepUpToDate,
    ]);
    setImmediate(() => {
      if (this.historicalError) {
        this.emitIbError(reqId, this.historicalError.code, this.historicalError.message);
        return;
      }
      if (!this.historicalBars) return;
      for (const bar of this.historicalBars) {
        const { time, open, high, low, close, volume } = bar;
        this.emit(
          EventName.historicalData,
          reqId,
          time,
          open,
          high,
          low,
          close,
          volume,
          10,
          close,
          undefined,
        );
      }
      this.emit(
        EventName.historicalData,
        reqId,
        'finished-20240101-20240102',
        -1,
        -1,
        -1,
        -1,
        -1,
        -1,
        -1,
        false,
      );
    });
    return this;
  }

  cancelHistoricalData(reqId: number): this {
    this.record('cancelHistoricalData', [reqId]);
    setImmediate(() =>
      this.emitIbError(reqId, 162, `API historical data query cancelled: ${reqId}`),
    );
    return this;
  }
}
