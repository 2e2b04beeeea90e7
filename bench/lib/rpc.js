// Raw JSON-RPC over WebSocket (the `ws` package, no @polkadot/api): one connection carries
// many requests in flight at once, matched to their answers by id. `submitAll` spreads
// pre-signed extrinsics over many such connections, each keeping a window of
// `author_submitExtrinsic` calls in flight.

import WebSocket from 'ws';

export class RpcError extends Error {
  constructor(method, error) {
    super(`${method}: ${error && error.message ? error.message : JSON.stringify(error)}${error && error.data ? ` (${typeof error.data === 'string' ? error.data : JSON.stringify(error.data)})` : ''}`);
    this.rpcError = error;
  }
}

/** One WebSocket with pipelined requests. */
export class RpcConnection {
  constructor(url, { timeoutMs = 120_000 } = {}) {
    this.url = url;
    this.timeoutMs = timeoutMs;
    this.nextId = 1;
    this.pending = new Map();
    this.ws = null;
    this.closed = false;
  }

  open(timeoutMs = 15_000) {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.url, { maxPayload: 512 * 1024 * 1024, perMessageDeflate: false });
      const timer = setTimeout(() => {
        ws.terminate();
        reject(new Error(`WebSocket ${this.url} did not open within ${timeoutMs} ms`));
      }, timeoutMs);
      ws.once('open', () => { clearTimeout(timer); this.ws = ws; resolve(this); });
      ws.once('error', (err) => { clearTimeout(timer); reject(new Error(`WebSocket ${this.url}: ${err.message}`)); });
      ws.on('message', (data) => this.onMessage(data));
      ws.on('close', () => this.failAll(new Error(`WebSocket ${this.url} closed`)));
      // After opening, errors surface as 'close'; keep a listener so that none is unhandled.
      ws.on('error', () => {});
    });
  }

  onMessage(data) {
    let msg;
    try { msg = JSON.parse(data.toString()); } catch { return; }
    const entries = Array.isArray(msg) ? msg : [msg];
    for (const m of entries) {
      const p = this.pending.get(m.id);
      if (!p) continue;
      this.pending.delete(m.id);
      clearTimeout(p.timer);
      if (m.error) p.reject(new RpcError(p.method, m.error));
      else p.resolve(m.result);
    }
  }

  failAll(err) {
    this.closed = true;
    for (const [, p] of this.pending) { clearTimeout(p.timer); p.reject(err); }
    this.pending.clear();
  }

  /** Sends one request; resolves with its result or rejects with an RpcError / time-out. */
  call(method, params = [], timeoutMs = this.timeoutMs) {
    if (!this.ws || this.closed || this.ws.readyState !== WebSocket.OPEN) {
      return Promise.reject(new Error(`WebSocket ${this.url} is not open (calling ${method})`));
    }
    const id = this.nextId;
    this.nextId += 1;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method} got no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer, method });
      this.ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }), (err) => {
        if (err) {
          clearTimeout(timer);
          this.pending.delete(id);
          reject(new Error(`${method}: send failed: ${err.message}`));
        }
      });
    });
  }

  close() {
    if (this.ws && !this.closed) {
      this.closed = true;
      try { this.ws.close(); } catch { /* ignore */ }
    }
  }
}

/** Opens `n` connections to `url`. */
export async function openPool(url, n) {
  const conns = [];
  try {
    for (let i = 0; i < n; i += 1) conns.push(await new RpcConnection(url).open());
  } catch (e) {
    for (const c of conns) c.close();
    throw e;
  }
  return conns;
}

/**
 * Submits every hex extrinsic in `hexes` with `author_submitExtrinsic`, spread over `conns`,
 * each connection keeping up to `window` requests in flight. Never rejects for a refused
 * extrinsic: returns { accepted, rejected, ms, results } where results[i] is
 * { ok: true, hash } or { ok: false, error }. Rejects only if the whole run exceeds
 * `timeoutMs`.
 */
export async function submitAll(conns, hexes, { window = 128, timeoutMs = 600_000 } = {}) {
  const results = new Array(hexes.length);
  let next = 0;
  let accepted = 0;
  let rejected = 0;
  const started = performance.now();
  const worker = async (conn) => {
    const inFlight = new Set();
    while (next < hexes.length || inFlight.size > 0) {
      while (next < hexes.length && inFlight.size < window) {
        const i = next;
        next += 1;
        const p = conn.call('author_submitExtrinsic', [hexes[i]])
          .then((hash) => { results[i] = { ok: true, hash }; accepted += 1; },
            (err) => { results[i] = { ok: false, error: err.message }; rejected += 1; })
          .finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
      if (inFlight.size > 0) await Promise.race(inFlight);
    }
  };
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`submitting ${hexes.length} extrinsics took more than ${timeoutMs} ms (${accepted} accepted, ${rejected} rejected so far)`)), timeoutMs);
  });
  try {
    await Promise.race([Promise.all(conns.map(worker)), timeout]);
  } finally {
    clearTimeout(timer);
  }
  return { accepted, rejected, ms: performance.now() - started, results };
}
