/**
 * The network steps of `health`, each bounded by a timeout: DNS lookup, TCP connect, TLS handshake.
 * TLS is always verified (Node's default trust store, plus `--ca` when given); a failing chain is
 * reported by name, never bypassed.
 */
import dns from 'node:dns';
import net from 'node:net';
import tls from 'node:tls';
import type { HealthReport, HealthTls } from './health-report.js';

/** Node's codes for a certificate chain that does not lead to a trusted root. */
const UNTRUSTED_CHAIN = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
]);

const TLS_EXPLANATIONS: Record<string, string> = {
  CERT_HAS_EXPIRED: 'the certificate has expired',
  CERT_NOT_YET_VALID: 'the certificate is not valid yet',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the certificate is not for this host name',
};

export async function checkDns(host: string, timeoutMs: number): Promise<NonNullable<HealthReport['dns']>> {
  const started = performance.now();
  if (net.isIP(host) !== 0) return { ok: true, host, addresses: [host], ms: 0 };
  try {
    const found = await withTimeout(dns.promises.lookup(host, { all: true }), timeoutMs, `DNS lookup of ${host}`);
    return { ok: true, host, addresses: found.map((entry) => entry.address), ms: elapsed(started) };
  } catch (error) {
    return { ok: false, host, addresses: [], ms: elapsed(started), error: messageOf(error) };
  }
}

export function checkTcp(address: string, port: number, timeoutMs: number): Promise<NonNullable<HealthReport['tcp']>> {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = net.connect({ host: address, port });
    const finish = (error?: string): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ ok: error === undefined, address, port, ms: elapsed(started), ...(error === undefined ? {} : { error }) });
    };
    const timer = setTimeout(() => finish(`no TCP connection within ${timeoutMs} ms`), timeoutMs);
    socket.once('connect', () => finish());
    socket.once('error', (error) => finish(messageOf(error)));
  });
}

export function checkTls(
  host: string,
  address: string,
  port: number,
  ca: string | undefined,
  timeoutMs: number,
): Promise<HealthTls> {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = tls.connect({
      host: address,
      port,
      ...(net.isIP(host) === 0 ? { servername: host } : {}),
      ...(ca === undefined ? {} : { ca: [...tls.rootCertificates, ca] }),
      // The name checked is the URL's host, not the address connected to.
      checkServerIdentity: (_name, certificate) => tls.checkServerIdentity(host, certificate),
    });
    const finish = (result: Omit<HealthTls, 'ms' | 'customCa'>): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ ...result, customCa: ca !== undefined, ms: elapsed(started) });
    };
    const timer = setTimeout(
      () =>
        finish({
          ok: false,
          error: { code: 'TIMEOUT', message: `no TLS handshake within ${timeoutMs} ms`, chainUntrusted: false },
        }),
      timeoutMs,
    );
    socket.once('secureConnect', () => {
      const certificate = socket.getPeerCertificate();
      const validTo = new Date(certificate.valid_to);
      const protocol = socket.getProtocol();
      finish({
        ok: true,
        ...(protocol === null ? {} : { protocol }),
        subject: distinguishedName(certificate.subject),
        issuer: distinguishedName(certificate.issuer),
        validTo: validTo.toISOString(),
        daysUntilExpiry: Math.floor((validTo.getTime() - Date.now()) / 86_400_000),
      });
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? 'TLS_ERROR';
      const chainUntrusted = UNTRUSTED_CHAIN.has(code);
      const explanation = chainUntrusted
        ? 'the certificate chain does not lead to a trusted certificate authority (pass --ca <file> for a private CA)'
        : TLS_EXPLANATIONS[code];
      finish({
        ok: false,
        error: { code, message: explanation === undefined ? error.message : `${explanation}: ${error.message}`, chainUntrusted },
      });
    });
  });
}

function distinguishedName(name: tls.PeerCertificate['subject'] | undefined): string {
  if (name === undefined) return '';
  return Object.entries(name)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : String(value)}`)
    .join(', ');
}

export async function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
