import { isLoopbackAddress } from './loopback-address';

describe('isLoopbackAddress', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]', '::ffff:127.0.0.1'])(
    'knows %s is loopback',
    (host) => {
      expect(isLoopbackAddress(host)).toBe(true);
    },
  );

  it.each(['0.0.0.0', '::', '10.0.0.1', 'example.com', '128.0.0.1', '::ffff:10.0.0.1'])(
    'knows %s is not',
    (host) => {
      expect(isLoopbackAddress(host)).toBe(false);
    },
  );
});
