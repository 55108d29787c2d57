/*
 * A preload that makes every way out to the network throw: sockets (TCP,
 * TLS, UDP, HTTP/2), DNS, HTTP(S) and fetch. For tests/e2e/no-network.test.ts,
 * which runs every command with it:
 *
 *   NODE_OPTIONS="--import=file:///…/tests/helpers/no-network.mjs"
 *
 * Each attempt is also written to stderr as a line starting with
 * "NO-NETWORK:" and, when ATTACH_NETWORK_LOG names a file, appended there, so
 * an attempt is seen even when the code that made it swallows the error.
 */

import dgram from 'node:dgram';
import dns from 'node:dns';
import dnsPromises from 'node:dns/promises';
import { appendFileSync } from 'node:fs';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';

const log = process.env.ATTACH_NETWORK_LOG;

function refuse(what) {
  const message = `NO-NETWORK: ${what} was called, and attach must never use the network`;
  try {
    process.stderr.write(`${message}\n`);
  } catch {
    // stderr may be gone; the log below still records it.
  }
  if (log) {
    try {
      appendFileSync(log, `${what}\n`);
    } catch {
      // Nothing more to do.
    }
  }
  const error = new Error(message);
  error.code = 'ERR_NO_NETWORK';
  return error;
}

function block(owner, name, label) {
  if (!owner || typeof owner[name] !== 'function') return;
  const thrower = function blocked() {
    throw refuse(label);
  };
  try {
    Object.defineProperty(owner, name, { value: thrower, writable: true, configurable: true, enumerable: true });
  } catch {
    owner[name] = thrower;
  }
}

// TCP and Unix sockets, TLS, HTTP/2, UDP.
block(net.Socket.prototype, 'connect', 'net.Socket#connect');
block(net, 'connect', 'net.connect');
block(net, 'createConnection', 'net.createConnection');
block(net.Server.prototype, 'listen', 'net.Server#listen');
block(tls, 'connect', 'tls.connect');
block(http2, 'connect', 'http2.connect');
block(dgram, 'createSocket', 'dgram.createSocket');

// DNS, callback and promise forms, and their Resolver classes.
const DNS = [
  'lookup',
  'lookupService',
  'resolve',
  'resolve4',
  'resolve6',
  'resolveAny',
  'resolveCaa',
  'resolveCname',
  'resolveMx',
  'resolveNaptr',
  'resolveNs',
  'resolvePtr',
  'resolveSoa',
  'resolveSrv',
  'resolveTxt',
  'reverse',
];
for (const name of DNS) {
  block(dns, name, `dns.${name}`);
  block(dnsPromises, name, `dns.promises.${name}`);
  block(dns.promises, name, `dns.promises.${name}`);
  block(dns.Resolver?.prototype, name, `dns.Resolver#${name}`);
  block(dnsPromises.Resolver?.prototype, name, `dns.promises.Resolver#${name}`);
}

// HTTP(S) clients.
for (const [mod, label] of [
  [http, 'http'],
  [https, 'https'],
]) {
  block(mod, 'request', `${label}.request`);
  block(mod, 'get', `${label}.get`);
  block(mod.Agent?.prototype, 'createConnection', `${label}.Agent#createConnection`);
}
block(http, 'ClientRequest', 'new http.ClientRequest');

// fetch and its relatives on the global object.
for (const name of ['fetch', 'WebSocket', 'EventSource']) {
  if (typeof globalThis[name] === 'function') {
    globalThis[name] = function blocked() {
      throw refuse(`globalThis.${name}`);
    };
  }
}
