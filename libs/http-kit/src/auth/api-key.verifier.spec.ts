import { UnauthorizedError } from '../errors/kit.errors';
import { type HttpKitOptions, resolveHttpKitSettings } from '../http-kit.options';
import { ApiKeyVerifier } from './api-key.verifier';

const verifier = (options: HttpKitOptions): ApiKeyVerifier =>
  new ApiKeyVerifier(resolveHttpKitSettings(options));
const withKey = verifier({ apiKey: 'right-key' });
const open = verifier({ apiKey: null });

function rejection(fn: () => void): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UnauthorizedError);
    return (error as Error).message;
  }
  return undefined;
}

describe('ApiKeyVerifier', () => {
  it('is open when no API_KEY is configured', () => {
    expect(open.enabled).toBe(false);
    expect(rejection(() => open.assertHeaders({}))).toBeUndefined();
    expect(
      rejection(() => open.assertHandshake({ headers: {}, auth: { token: 'anything' } })),
    ).toBeUndefined();
  });

  it('accepts the key as a Bearer token or as x-api-key', () => {
    expect(withKey.enabled).toBe(true);
    expect(
      rejection(() => withKey.assertHeaders({ authorization: 'Bearer right-key' })),
    ).toBeUndefined();
    expect(
      rejection(() => withKey.assertHeaders({ authorization: 'bearer  right-key ' })),
    ).toBeUndefined();
    expect(rejection(() => withKey.assertHeaders({ 'x-api-key': 'right-key' }))).toBeUndefined();
  });

  it('tells a missing key from a wrong one', () => {
    expect(rejection(() => withKey.assertHeaders({}))).toMatch(/^API key required/);
    expect(rejection(() => withKey.assertHeaders({ authorization: 'Basic abc' }))).toMatch(
      /^API key required/,
    );
    expect(rejection(() => withKey.assertHeaders({ 'x-api-key': 'wrong-key' }))).toBe(
      'Invalid API key',
    );
    expect(
      rejection(() => withKey.assertHeaders({ authorization: 'Bearer right-key-but-longer' })),
    ).toBe('Invalid API key');
    expect(rejection(() => withKey.assertHeaders({ 'x-api-key': 'right-ke' }))).toBe(
      'Invalid API key',
    );
  });

  it('checks a socket.io handshake: auth.token first, then the headers', () => {
    expect(
      rejection(() => withKey.assertHandshake({ headers: {}, auth: { token: 'right-key' } })),
    ).toBeUndefined();
    expect(
      rejection(() => withKey.assertHandshake({ headers: { 'x-api-key': 'right-key' }, auth: {} })),
    ).toBeUndefined();
    expect(rejection(() => withKey.assertHandshake({ headers: {}, auth: { token: 'nope' } }))).toBe(
      'Invalid API key',
    );
    expect(rejection(() => withKey.assertHandshake({ headers: {}, auth: {} }))).toMatch(
      /^API key required/,
    );
  });

  it('reads the first configured header present: Bearer, then x-api-key, by default', () => {
    const both = { authorization: 'Bearer right-key', 'x-api-key': 'wrong-key' };
    expect(rejection(() => withKey.assertHeaders(both))).toBeUndefined();
    const xFirst = verifier({ apiKey: 'right-key', apiKeyHeaders: ['x-api-key', 'authorization'] });
    expect(rejection(() => xFirst.assertHeaders(both))).toBe('Invalid API key');
    const bearerOnly = verifier({ apiKey: 'right-key', apiKeyHeaders: ['authorization'] });
    expect(rejection(() => bearerOnly.assertHeaders({ 'x-api-key': 'right-key' }))).toMatch(
      /^API key required/,
    );
  });
});
