/**
 * Spies on every way loading could touch the disk or the network, recording what it asked for.
 * The spies observe and pass through (disk) or observe only (network: each call is counted, and
 * the tests assert the count is 0).
 */
import dns from 'node:dns';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { vi } from 'vitest';
import { yaml } from '../../../src/load/yaml.js';

export interface IoLog {
  /** Paths passed to a function that reads file contents (readFile, open, streams, sync variants). */
  reads: string[];
  /** Paths passed to metadata calls (stat, lstat, realpath, access). */
  touches: string[];
  /** Calls that could open a socket or resolve a name. */
  network: string[];
}

function pathOf(argument: unknown): string | undefined {
  if (typeof argument === 'string') return argument;
  if (argument instanceof URL) return argument.href;
  if (Buffer.isBuffer(argument)) return argument.toString();
  return undefined;
}

/**
 * Loads the modules that loading imports lazily (swagger-parser, yaml), so that the module
 * loader's own file reads do not show up among the reads the spies attribute to a spec.
 */
export async function preloadLazyModules(): Promise<void> {
  await import('@apidevtools/swagger-parser');
  yaml();
}

/** Installs the spies; undo them with vi.restoreAllMocks(). */
export function spyOnIo(): IoLog {
  const log: IoLog = { reads: [], touches: [], network: [] };
  const watch = <T extends object>(target: T, names: (keyof T & string)[], into: string[]): void => {
    for (const name of names) {
      const original = target[name];
      if (typeof original !== 'function') continue;
      vi.spyOn(target, name as never).mockImplementation(((...args: unknown[]) => {
        into.push(pathOf(args[0]) ?? `<${name}>`);
        return (original as (...a: unknown[]) => unknown).apply(target, args);
      }) as never);
    }
  };
  watch(fsp, ['readFile', 'open', 'opendir', 'readdir'], log.reads);
  watch(fsp, ['stat', 'lstat', 'realpath', 'access'], log.touches);
  watch(fs, ['readFileSync', 'openSync', 'readFile', 'open', 'createReadStream'], log.reads);
  watch(fs, ['statSync', 'lstatSync', 'realpathSync', 'existsSync'], log.touches);
  const refuse = <T extends object>(target: T, names: (keyof T & string)[], label: string): void => {
    for (const name of names) {
      vi.spyOn(target, name as never).mockImplementation(((...args: unknown[]) => {
        log.network.push(`${label}.${name} ${String(pathOf(args[0]) ?? '')}`);
        throw new Error(`test: ${label}.${name} must not be called`);
      }) as never);
    }
  };
  refuse(net.Socket.prototype, ['connect'], 'net.Socket');
  refuse(net, ['connect', 'createConnection'], 'net');
  refuse(http, ['request', 'get'], 'http');
  refuse(https, ['request', 'get'], 'https');
  refuse(dns, ['lookup', 'resolve', 'resolve4', 'resolve6'], 'dns');
  refuse(dns.promises, ['lookup', 'resolve'], 'dns.promises');
  refuse(globalThis, ['fetch'], 'globalThis');
  return log;
}
