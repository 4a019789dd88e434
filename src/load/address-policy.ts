/**
 * Which hosts a remote `$ref` may reach. Anything that is not a public unicast address is refused:
 * loopback, private (RFC 1918, RFC 4193), link-local (where cloud metadata services live,
 * 169.254.169.254 and fd00:ec2::254), CGNAT, multicast, reserved, and IPv4 hidden inside IPv6
 * (mapped, compatible, NAT64, 6to4).
 */
import { isIP } from 'node:net';

/** [first address as number, prefix length] */
const REFUSED_IPV4: readonly (readonly [string, number])[] = [
  ['0.0.0.0', 8], // "this network" (RFC 1122); 0.0.0.0 reaches the local host on Linux
  ['10.0.0.0', 8], // private (RFC 1918)
  ['100.64.0.0', 10], // shared address space / CGNAT (RFC 6598)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata (RFC 3927)
  ['172.16.0.0', 12], // private (RFC 1918)
  ['192.0.0.0', 24], // IETF protocol assignments (RFC 6890)
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16], // private (RFC 1918)
  ['198.18.0.0', 15], // benchmarking (RFC 2544)
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and 255.255.255.255 broadcast
];

/** Host names refused without a DNS lookup (RFC 6761 §6.3: `localhost` is always loopback). */
export function isRefusedHostname(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.+$/, '');
  return name === 'localhost' || name.endsWith('.localhost') || name === '';
}

/** True when `address` (an IPv4 or IPv6 literal, with or without brackets) is not public. */
export function isPrivateAddress(address: string): boolean {
  const literal = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  const family = isIP(literal);
  if (family === 4) return isPrivateIpv4(parseIpv4(literal));
  if (family === 6) return isPrivateIpv6(literal);
  // Not an IP literal: the caller must resolve it first. Refuse rather than guess.
  return true;
}

function isPrivateIpv4(value: number): boolean {
  return REFUSED_IPV4.some(([network, prefix]) => {
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    return (value & mask) >>> 0 === (parseIpv4(network) & mask) >>> 0;
  });
}

function isPrivateIpv6(literal: string): boolean {
  const words = parseIpv6(literal.replace(/%.*$/, ''));
  if (words === undefined) return true;
  const [w0, w1, w2, w3, w4, w5, w6, w7] = words as [number, number, number, number, number, number, number, number];
  const embeddedV4 = ((w6 << 16) | w7) >>> 0;
  const upperZero = w0 === 0 && w1 === 0 && w2 === 0 && w3 === 0 && w4 === 0;
  if (upperZero && w5 === 0 && w6 === 0 && (w7 === 0 || w7 === 1)) return true; // :: and ::1
  if (upperZero && (w5 === 0xffff || w5 === 0)) return isPrivateIpv4(embeddedV4); // mapped / compatible
  if (w0 === 0x64 && w1 === 0xff9b) return isPrivateIpv4(embeddedV4); // NAT64 (RFC 6052)
  if (w0 === 0x2002) return isPrivateIpv4(((w1 << 16) | w2) >>> 0); // 6to4 (RFC 3056)
  if ((w0 & 0xfe00) === 0xfc00) return true; // unique local fc00::/7 (RFC 4193)
  if ((w0 & 0xffc0) === 0xfe80) return true; // link-local fe80::/10
  if ((w0 & 0xffc0) === 0xfec0) return true; // site-local fec0::/10 (deprecated, still routed inside sites)
  if ((w0 & 0xff00) === 0xff00) return true; // multicast
  if (w0 === 0x2001 && w1 === 0x0db8) return true; // documentation
  return false;
}

function parseIpv4(literal: string): number {
  const parts = literal.split('.').map(Number);
  return (((parts[0] ?? 0) << 24) | ((parts[1] ?? 0) << 16) | ((parts[2] ?? 0) << 8) | (parts[3] ?? 0)) >>> 0;
}

/** Eight 16-bit words, or undefined if malformed. Handles `::` and a trailing dotted IPv4. */
function parseIpv6(literal: string): number[] | undefined {
  let text = literal.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1] !== undefined) {
    const v4 = parseIpv4(dotted[1]);
    text = `${text.slice(0, -dotted[1].length)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const words = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail].map((word) =>
    Number.parseInt(word, 16),
  );
  return words.length === 8 && words.every((word) => Number.isInteger(word) && word >= 0 && word <= 0xffff) ? words : undefined;
}
