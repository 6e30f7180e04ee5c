import { linkSignals } from './linked-signal';

describe('linkSignals', () => {
  it('aborts with the reason of the first source that aborts', () => {
    const a = new AbortController();
    const b = new AbortController();
    const link = linkSignals(a.signal, undefined, b.signal);
    b.abort('b went');
    a.abort('a went');
    expect(link.signal.aborted).toBe(true);
    expect(link.signal.reason).toBe('b went');
  });

  it('is aborted at once when a source already is', () => {
    const a = new AbortController();
    a.abort('early');
    expect(linkSignals(a.signal).signal.reason).toBe('early');
  });

  it('detaches from its sources on dispose', () => {
    const a = new AbortController();
    const link = linkSignals(a.signal);
    link.dispose();
    a.abort('late');
    expect(link.signal.aborted).toBe(false);
  });
});
