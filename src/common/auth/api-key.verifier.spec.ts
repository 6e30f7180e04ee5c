import { AppConfig } from '../../config';
import { UnauthorizedError } from '../errors/http-errors';
import { ApiKeyVerifier } from './api-key.verifier';

const withKey = new ApiKeyVerifier(AppConfig.fromEnv({ API_KEY: 'the-right-key-16' }));
const open = new ApiKeyVerifier(AppConfig.fromEnv({}));

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
      rejection(() => withKey.assertHeaders({ authorization: 'Bearer the-right-key-16' })),
    ).toBeUndefined();
    expect(
      rejection(() => withKey.assertHeaders({ authorization: 'bearer  the-right-key-16 ' })),
    ).toBeUndefined();
    expect(
      rejection(() => withKey.assertHeaders({ 'x-api-key': 'the-right-key-16' })),
    ).toBeUndefined();
  });

  it('tells a missing key from a wrong one', () => {
    expect(rejection(() => withKey.assertHeaders({}))).toMatch(/^API key required/);
    expect(rejection(() => withKey.assertHeaders({ authorization: 'Basic abc' }))).toMatch(
      /^API key required/,
    );
    expect(rejection(() => withKey.assertHeaders({ 'x-api-key': 'the-wrong-key-16' }))).toBe(
      'Invalid API key',
    );
    expect(
      rejection(() =>
        withKey.assertHeaders({ authorization: 'Bearer the-right-key-16-but-longer' }),
      ),
    ).toBe('Invalid API key');
    expect(rejection(() => withKey.assertHeaders({ 'x-api-key': 'the-right-key-1' }))).toBe(
      'Invalid API key',
    );
  });

  it('checks a socket.io handshake: auth.token first, then the headers', () => {
    expect(
      rejection(() =>
        withKey.assertHandshake({ headers: {}, auth: { token: 'the-right-key-16' } }),
      ),
    ).toBeUndefined();
    expect(
      rejection(() =>
        withKey.assertHandshake({ headers: { 'x-api-key': 'the-right-key-16' }, auth: {} }),
      ),
    ).toBeUndefined();
    expect(rejection(() => withKey.assertHandshake({ headers: {}, auth: { token: 'nope' } }))).toBe(
      'Invalid API key',
    );
    expect(rejection(() => withKey.assertHandshake({ headers: {}, auth: {} }))).toMatch(
      /^API key required/,
    );
  });
});
