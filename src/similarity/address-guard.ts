// SSRF guard for user-supplied image URLs: an address is "private" when it reaches this machine,
// its network or a cloud metadata service. Checked on IP literals and again on every address DNS
// returns, at connect time (so a name re-bound to 127.0.0.1 after a first check still fails).
import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions, type LookupOneOptions } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

// Two lists: Node's BlockList matches an IPv4 address against IPv4-mapped IPv6 rules, so one
// list with ::ffff:0:0/96 in it would call every IPv4 address private.
const PRIVATE_V4 = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) PRIVATE_V4.addSubnet(net, prefix, 'ipv4');
const PRIVATE_V6 = new BlockList();
for (const [net, prefix] of [
  ['::', 128], ['::1', 128], ['64:ff9b::', 96], ['100::', 64], ['2001:db8::', 32], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8],
] as const) PRIVATE_V6.addSubnet(net, prefix, 'ipv6');

/** True for loopback, private, link-local (cloud metadata), multicast and reserved addresses. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return PRIVATE_V4.check(address, 'ipv4');
  if (family === 6) {
    const mapped = mappedIpv4(address);
    return mapped !== null ? isPrivateAddress(mapped) : PRIVATE_V6.check(address, 'ipv6');
  }
  return true; // not an address at all: refuse rather than guess
}

/** `::ffff:127.0.0.1` or `::ffff:7f00:1` → `127.0.0.1`; null for other IPv6 addresses. */
function mappedIpv4(address: string): string | null {
  const match = /^(?:0{0,4}:){0,5}:?ffff:(.+)$/i.exec(address);
  if (!match) return null;
  const rest = match[1]!;
  if (isIP(rest) === 4) return rest;
  const groups = rest.split(':');
  if (groups.length !== 2 || !groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return null;
  const [hi, lo] = groups.map((g) => parseInt(g, 16)) as [number, number];
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

export class ForbiddenAddressError extends Error {
  constructor(readonly address: string) {
    super(`address ${address} is private or reserved`);
    this.name = 'ForbiddenAddressError';
  }
}

/** A `lookup` for http(s).request that refuses private addresses before any connection is made. */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return ((hostname: string, options: LookupOneOptions | LookupAllOptions, callback: (...args: unknown[]) => void) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error);
      const forbidden = allowPrivate ? undefined : addresses.find((a) => isPrivateAddress(a.address));
      if (forbidden) return callback(new ForbiddenAddressError(forbidden.address));
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      return first ? callback(null, first.address, first.family) : callback(new Error(`no address for ${hostname}`));
    });
  }) as LookupFunction;
}
