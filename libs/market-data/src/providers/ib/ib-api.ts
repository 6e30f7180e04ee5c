import {
  IBApi,
  type BarSizeSetting,
  type Contract,
  type EventName,
  type WhatToShow,
} from '@stoqey/ib';

/**
 * A listener of an `@stoqey/ib` event; the argument lists are those of `IBApi.on(...)`.
 * `any[]` because that is what `IBApi`'s (eventemitter3) `removeListener` declares: with
 * `never[]` or `unknown[]` the real `IBApi` would not satisfy {@link IbApiLike}.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type IbListener = (...args: any[]) => void;

/**
 * The part of `@stoqey/ib`'s `IBApi` the IB provider uses: connection, contract details, head
 * timestamps and historical bars, and the events that answer them (`connected`,
 * `disconnected`, `error`, `info`, `contractDetails`, `contractDetailsEnd`, `headTimestamp`,
 * `historicalData`). `IBApi` satisfies it as is; tests substitute a fake emitting the same
 * events with the same arguments.
 */
export interface IbApiLike {
  readonly isConnected: boolean;
  connect(clientId?: number): unknown;
  disconnect(): unknown;
  reqContractDetails(reqId: number, contract: Contract): unknown;
  reqHeadTimestamp(
    reqId: number,
    contract: Contract,
    whatToShow: WhatToShow,
    useRTH: boolean,
    formatDate: number,
  ): unknown;
  cancelHeadTimestamp(reqId: number): unknown;
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
  ): unknown;
  cancelHistoricalData(reqId: number): unknown;
  on(event: EventName, listener: IbListener): unknown;
  removeListener(event: EventName, listener: IbListener): unknown;
}

/** Where the TWS / IB Gateway API socket listens. */
export interface IbEndpoint {
  readonly host: string;
  readonly port: number;
}

/** Makes the API client for an endpoint; the provider calls it once. */
export type IbApiFactory = (endpoint: IbEndpoint) => IbApiLike;

/** The real client: `new IBApi({ host, port })` from `@stoqey/ib`. */
export const defaultIbApiFactory: IbApiFactory = ({ host, port }) => new IBApi({ host, port });
