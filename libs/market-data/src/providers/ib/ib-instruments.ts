import type { ContractDetails } from '@stoqey/ib';
import { throwIfAborted } from '../provider-abort';
import { SymbolNotFoundError } from '../provider-errors';
import type { IbApiLike } from './ib-api';
import type { IbConnection } from './ib-connection';
import { ibContractFor, ibRequestStyle } from './ib-contracts';
import { parseIbTime } from './ib-duration';
import type { IbRequestRouter } from './ib-request-router';

/** What {@link IbInstruments} needs from the provider. */
export interface IbInstrumentsDeps {
  readonly api: IbApiLike;
  readonly router: IbRequestRouter;
  readonly connection: IbConnection;
  /** Counts a request against IB's pacing or throws PACING_VIOLATION. */
  readonly pace: (symbol: string, fingerprint: string) => void;
  readonly timeoutMs: number;
}

/**
 * Contract details and head timestamps from IB, each asked once per symbol and kept for the
 * provider's lifetime (both are stable, and every IB request costs pacing budget). The head
 * timestamp depends on what is shown (TRADES / MIDPOINT) and RTH, both fixed per symbol, not
 * on the bar size, so one answer serves every timeframe.
 */
export class IbInstruments {
  private readonly contracts = new Map<string, ContractDetails>();
  private readonly heads = new Map<string, number>();

  constructor(private readonly deps: IbInstrumentsDeps) {}

  /** The head timestamp if it was already asked, without asking. */
  knownHead(symbol: string): number | undefined {
    return this.heads.get(symbol);
  }

  /** IB's details of the symbol's contract; SYMBOL_NOT_FOUND when IB has none. */
  async contract(symbol: string, signal?: AbortSignal): Promise<ContractDetails> {
    throwIfAborted(signal);
    const cached = this.contracts.get(symbol);
    if (cached) return cached;
    const { api, router, timeoutMs } = this.deps;
    const found = await router.run<ContractDetails[]>({
      label: `contract details for ${symbol}`,
      symbol,
      signal,
      timeoutMs,
      send: (reqId) => api.reqContractDetails(reqId, ibContractFor(symbol)),
      handlers: (settle) => {
        const received: ContractDetails[] = [];
        return {
          contractDetails: (details) => received.push(details),
          contractDetailsEnd: () => settle.resolve(received),
        };
      },
    });
    const details = found[0];
    if (!details) throw new SymbolNotFoundError(symbol, 'IB has no contract for it');
    this.contracts.set(symbol, details);
    return details;
  }

  /** Epoch ms of the earliest bar IB has for the symbol (`reqHeadTimestamp`, formatDate=2). */
  async head(symbol: string, signal?: AbortSignal): Promise<number> {
    const cached = this.heads.get(symbol);
    if (cached !== undefined) return cached;
    const { contract } = await this.contract(symbol, signal);
    const { api, router, connection, timeoutMs } = this.deps;
    const style = ibRequestStyle(symbol);
    await connection.ready(signal); // a request that cannot be sent is not counted
    this.deps.pace(symbol, `head|${symbol}`);
    const value = await router.run<string>({
      label: `head timestamp for ${symbol}`,
      symbol,
      signal,
      timeoutMs,
      send: (reqId) => api.reqHeadTimestamp(reqId, contract, style.whatToShow, style.useRTH, 2),
      cancel: (reqId) => api.cancelHeadTimestamp(reqId),
      handlers: (settle) => ({ headTimestamp: (text) => settle.resolve(text) }),
    });
    const parsed = parseIbTime(value);
    const headMs = typeof parsed === 'number' ? parsed : Date.parse(`${parsed.date}T00:00:00Z`);
    this.heads.set(symbol, headMs);
    return headMs;
  }
}
