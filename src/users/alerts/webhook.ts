// Webhook targets and signed deliveries. A target must be http(s), carry no credentials, and
// (unless ALERTS_WEBHOOK_ALLOW_PRIVATE) resolve only to public addresses: a webhook is a request
// this server makes on a user's behalf, so loopback, private, link-local (cloud metadata) and
// multicast targets would let any user probe the server's own network (SSRF). The address check
// runs at subscription and again before every attempt (a name may be re-pointed later); redirects
// are not followed.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { badUserInput } from '../errors.js';

export const MAX_WEBHOOK_URL_LENGTH = 2048;
export const SIGNATURE_HEADER = 'x-signature';
export const TIMESTAMP_HEADER = 'x-signature-timestamp';

const BLOCKED = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  BLOCKED.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  BLOCKED.addSubnet(net, bits, 'ipv6');

/** Whether an IP address is loopback, private, link-local, shared, reserved or multicast. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return BLOCKED.check(address, 'ipv4');
  if (family === 6) {
    // An IPv4-mapped address (::ffff:127.0.0.1) is the IPv4 address.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return BLOCKED.check(mapped[1]!, 'ipv4');
    return BLOCKED.check(address, 'ipv6');
  }
  return true;
}

export type Resolver = (hostname: string) => Promise<string[]>;

export const systemResolver: Resolver = async (hostname) => (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

/**
 * The webhook URL, normalised, or BAD_USER_INPUT (field `webhookUrl`) saying what is wrong. With
 * `allowPrivate` false, every address the host resolves to must be public.
 */
export async function checkWebhookUrl(raw: string, options: { allowPrivate: boolean; resolve?: Resolver }): Promise<string> {
  const refuse = (why: string) => badUserInput(`webhookUrl: ${why}`, 'webhookUrl');
  if (typeof raw !== 'string' || !raw.trim()) throw refuse('give an http(s) URL such as "https://example.com/hooks/anime"');
  if (raw.length > MAX_WEBHOOK_URL_LENGTH) throw refuse(`at most ${MAX_WEBHOOK_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw refuse('not a URL; give an http(s) URL such as "https://example.com/hooks/anime"');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refuse(`the scheme must be http or https, not ${url.protocol.replace(/:$/, '')}`);
  if (url.username || url.password) throw refuse('credentials in the URL are not accepted; put a token in the path or query instead');
  url.hash = '';
  if (options.allowPrivate) return url.href;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (/^localhost$|\.localhost$/i.test(host)) throw refuse('loopback targets are refused (this server does not call its own network)');
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = await (options.resolve ?? systemResolver)(host);
    } catch {
      throw refuse(`the host ${JSON.stringify(host.slice(0, 253))} does not resolve`);
    }
  }
  if (!addresses.length) throw refuse(`the host ${JSON.stringify(host.slice(0, 253))} does not resolve`);
  if (addresses.some(isPrivateAddress)) throw refuse('private, loopback and link-local targets are refused (this server does not call its own network)');
  return url.href;
}

/** `sha256=<hex>`: the HMAC-SHA256 of the exact body bytes with the subscription's secret. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** For receivers (and tests): whether `header` is the signature of `body` under `secret`, compared in constant time. */
export function verifySignature(secret: string, body: string, header: string | null | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signature(secret, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export interface AttemptResult {
  ok: boolean;
  status: number | null;
  error: string | null;
}

/** One POST of `body`, signed; 2xx is delivered, anything else (or no answer in time) is a failed attempt. */
export async function postWebhook(url: string, body: string, secret: string | null, options: { timeoutMs: number; nowMs: number; userAgent: string; fetch?: typeof fetch; headers?: Record<string, string> }): Promise<AttemptResult> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': options.userAgent,
    [TIMESTAMP_HEADER]: String(Math.floor(options.nowMs / 1000)),
    ...options.headers,
  };
  if (secret) headers[SIGNATURE_HEADER] = signature(secret, body);
  try {
    const response = await (options.fetch ?? fetch)(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(options.timeoutMs) });
    // The body is not read: a receiver's answer has nothing we need, and may be large.
    await response.body?.cancel().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status, error: null };
    return { ok: false, status: response.status, error: `the receiver answered HTTP ${response.status}` };
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    const message = name === 'TimeoutError' || name === 'AbortError' ? `no answer within ${options.timeoutMs} ms` : `could not connect (${error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error)})`;
    return { ok: false, status: null, error: message.slice(0, 300) };
  }
}
