import { io, type Socket } from 'socket.io-client';

/** A socket.io client on the API's `/operations` namespace; no automatic reconnection. */
export function operationsSocket(
  baseUrl: string,
  opts: { auth?: Record<string, string>; extraHeaders?: Record<string, string> } = {},
): Socket {
  return io(`${baseUrl}/operations`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    ...opts,
  });
}

/** Everything a socket receives on `name`, from now on. */
export function recordEvents<T>(socket: Socket, name: string): T[] {
  const received: T[] = [];
  socket.on(name, (payload: T) => received.push(payload));
  return received;
}

/**
 * The first `name` event (from now on) whose payload matches; rejects if the socket disconnects
 * first.
 */
export function nextEvent<T>(
  socket: Socket,
  name: string,
  match: (payload: T) => boolean = () => true,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const onEvent = (payload: T): void => {
      if (!match(payload)) return;
      cleanup();
      resolve(payload);
    };
    const onDisconnect = (reason: string): void => {
      cleanup();
      reject(new Error(`socket disconnected (${reason}) before "${name}"`));
    };
    const cleanup = (): void => {
      socket.off(name, onEvent);
      socket.off('disconnect', onDisconnect);
    };
    socket.on(name, onEvent);
    socket.on('disconnect', onDisconnect);
  });
}
