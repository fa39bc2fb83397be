/**
 * Preloaded into the Agents Playground (`node --import ./scripts/loopback-only.mjs cli.js …`):
 * its server calls `listen(port)` with no host, i.e. on every interface, and its CLI has no
 * option for the host. Any listen without a host binds to 127.0.0.1 instead, so the
 * Playground (and the unauthenticated bot behind it) is reachable from this machine only.
 */
import net from 'node:net';

const LOOPBACK = '127.0.0.1';
const listen = net.Server.prototype.listen;

net.Server.prototype.listen = function listenOnLoopback(...args) {
  const [first] = args;
  if (args.length === 0 || typeof first === 'function') {
    args.unshift(0, LOOPBACK);
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    if (typeof args[1] !== 'string') args.splice(1, 0, LOOPBACK);
  } else if (first && typeof first === 'object' && !('path' in first) && !('fd' in first)) {
    if (!first.host) args[0] = { ...first, host: LOOPBACK };
  }
  return listen.apply(this, args);
};
