import { SecType, WhatToShow, type Contract } from '@stoqey/ib';
import { instrumentKind, type InstrumentKind } from '../../symbols';

/** How bars of one kind of instrument are requested from IB. */
export interface IbRequestStyle {
  readonly kind: InstrumentKind;
  /** TRADES for stocks; MIDPOINT for forex (IDEALPRO has no trades to show). */
  readonly whatToShow: WhatToShow;
  /** Regular trading hours only for stocks (matching the NYSE calendar); forex trades 24/5. */
  readonly useRTH: boolean;
}

/**
 * The IB contract to look up for a normalized symbol: a forex pair `EUR.USD` is
 * `{ symbol: 'EUR', secType: CASH, exchange: IDEALPRO, currency: 'USD' }`; anything else is a
 * US stock `{ secType: STK, exchange: SMART, currency: USD }`, with a share-class dot written
 * the IB way (`BRK.B` → `BRK B`).
 */
export function ibContractFor(symbol: string): Contract {
  const kind = instrumentKind(symbol);
  switch (kind) {
    case 'forex': {
      const [base, quote] = symbol.split('.');
      return { symbol: base, secType: SecType.CASH, exchange: 'IDEALPRO', currency: quote };
    }
    case 'stock':
      return {
        symbol: symbol.replace(/\./g, ' '),
        secType: SecType.STK,
        exchange: 'SMART',
        currency: 'USD',
      };
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

/** The {@link IbRequestStyle} of a normalized symbol. */
export function ibRequestStyle(symbol: string): IbRequestStyle {
  const kind = instrumentKind(symbol);
  return kind === 'forex'
    ? { kind, whatToShow: WhatToShow.MIDPOINT, useRTH: false }
    : { kind, whatToShow: WhatToShow.TRADES, useRTH: true };
}
