/**
 * Downloads one remote `$ref` document, only when the user allowed remote refs. The host is
 * resolved first and refused when any address is not public; the connection is then pinned to
 * the checked address (so DNS cannot change its answer between check and connect). No cookies,
 * no credentials, no compression, a size cap, a time cap, and every redirect checked again.
 */
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { SpecError } from '../errors.js';
import { isPrivateAddress, isRefusedHostname } from './address-policy.js';
import { MAX_REDIRECTS, MAX_REMOTE_BYTES, REMOTE_TIMEOUT_MS } from './limits.js';

export interface RemoteFetchOptions {
  maxBytes?: number | undefined;
  timeoutMs?: number | undefined;
  /** Test seam: which resolved addresses are refused (default: every non-public one). */
  isRefusedAddress?: ((address: string) => boolean) | undefined;
}

interface PinnedAddress {
  address: string;
  family: number;
}

/** The body of `url` as text; throws SpecError (without a location: the caller adds it). */
export async function fetchRemote(url: URL, options: RemoteFetchOptions = {}): Promise<string> {
  const deadline = Date.now() + (options.timeoutMs ?? REMOTE_TIMEOUT_MS);
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
    const pinned = await resolvePublicAddress(current, options.isRefusedAddress ?? isPrivateAddress);
    const response = await requestOnce(
      current,
      pinned,
      deadline,
      options.maxBytes ?? MAX_REMOTE_BYTES,
      options.timeoutMs ?? REMOTE_TIMEOUT_MS,
    );
    if (response.location === undefined) return response.body;
    const next = new URL(response.location, current);
    if (current.protocol === 'https:' && next.protocol !== 'https:') {
      throw remoteError('REMOTE_REF_REFUSED', `${current.href} redirects to ${next.href}, which drops https`);
    }
    current = next;
  }
  throw remoteError('REMOTE_REF_FAILED', `${url.href}: more than ${MAX_REDIRECTS} redirects`);
}

/** Refuses non-http(s) URLs, `localhost` names and non-public addresses; returns the address to use. */
export async function resolvePublicAddress(
  url: URL,
  isRefusedAddress: (address: string) => boolean = isPrivateAddress,
): Promise<PinnedAddress> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw remoteError('REF_UNSUPPORTED_SCHEME', `${url.href}: only http and https refs can be fetched`);
  }
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  if (isIP(host) !== 0) {
    if (isRefusedAddress(host)) throw privateError(url, host);
    return { address: host, family: isIP(host) };
  }
  if (isRefusedHostname(host)) throw privateError(url, host);
  const addresses = await new Promise<dns.LookupAddress[]>((resolve, reject) => {
    dns.lookup(host, { all: true, verbatim: true }, (error, found) => (error ? reject(error) : resolve(found)));
  }).catch((cause: unknown) => {
    throw remoteError('REMOTE_REF_FAILED', `${url.href}: cannot resolve ${host}`, cause);
  });
  const refused = addresses.find((entry) => isRefusedAddress(entry.address));
  const first = addresses[0];
  if (refused !== undefined || first === undefined) throw privateError(url, refused?.address ?? host);
  return { address: first.address, family: first.family };
}

interface OneResponse {
  body: string;
  location: string | undefined;
}

function requestOnce(
  url: URL,
  pinned: PinnedAddress,
  deadline: number,
  maxBytes: number,
  timeoutMs: number,
): Promise<OneResponse> {
  const lookup: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<OneResponse>((resolve, reject) => {
    const request = client.request(
      {
        protocol: url.protocol,
        hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
        port: url.port === '' ? undefined : Number(url.port),
        // Path and query only: user:password in the URL is never sent.
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        headers: { accept: 'application/json, application/yaml;q=0.9, */*;q=0.5', 'user-agent': 'apiwright' },
        agent: false,
        lookup,
        timeout: Math.max(1, deadline - Date.now()),
      },
      (response) => {
        const status = response.statusCode ?? 0;
        if (status >= 300 && status < 400 && response.headers.location !== undefined) {
          response.resume();
          resolve({ body: '', location: response.headers.location });
          return;
        }
        if (status < 200 || status >= 300) {
          response.resume();
          reject(remoteError('REMOTE_REF_FAILED', `${url.href}: HTTP ${status}`));
          return;
        }
        const declared = Number(response.headers['content-length'] ?? '0');
        if (declared > maxBytes) {
          response.destroy();
          reject(tooLargeError(url, maxBytes));
          return;
        }
        const chunks: Buffer[] = [];
        let received = 0;
        response.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received > maxBytes) {
            response.destroy();
            reject(tooLargeError(url, maxBytes));
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => resolve({ body: Buffer.concat(chunks).toString('utf8'), location: undefined }));
        response.on('error', (cause) => reject(remoteError('REMOTE_REF_FAILED', `${url.href}: ${cause.message}`, cause)));
      },
    );
    const timer = setTimeout(() => request.destroy(timeoutError(url, timeoutMs)), Math.max(1, deadline - Date.now()));
    request.on('timeout', () => request.destroy(timeoutError(url, timeoutMs)));
    request.on('error', (cause) =>
      reject(cause instanceof SpecError ? cause : remoteError('REMOTE_REF_FAILED', `${url.href}: ${cause.message}`, cause)),
    );
    request.on('close', () => clearTimeout(timer));
    request.end();
  });
}

function remoteError(code: string, message: string, cause?: unknown): SpecError {
  return new SpecError(message, {
    code,
    cause,
    hint: 'Download the referenced file next to the spec and $ref it by relative path.',
  });
}

function privateError(url: URL, address: string): SpecError {
  return new SpecError(`${url.href} resolves to ${address}, a loopback, private, link-local or reserved address`, {
    code: 'REF_PRIVATE_ADDRESS',
    hint: 'Remote refs may only reach public addresses; copy the file next to the spec instead.',
  });
}

function tooLargeError(url: URL, maxBytes: number): SpecError {
  return remoteError('REMOTE_REF_TOO_LARGE', `${url.href} is larger than ${maxBytes} bytes`);
}

function timeoutError(url: URL, timeoutMs: number): SpecError {
  return remoteError('REMOTE_REF_TIMEOUT', `${url.href} did not arrive within ${timeoutMs} ms`);
}
