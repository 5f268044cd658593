// Bot walls: pages a site shows instead of content when it wants a human (Cloudflare challenges,
// captchas, anti-bot and login walls). We never try to get past one: it is a refusal, so the
// kit's refusal mechanism (src/http: detectRefusal) opens the site's circuit for a long pause and
// the scraper answers SOURCE_BLOCKED (site.ts).
import type { UpstreamRefusal } from '../http/types.js';

/** The `reason` every bot-wall refusal carries (site.ts turns it into SOURCE_BLOCKED). */
export const BOT_WALL_REASON = 'bot-wall';

/**
 * Markers of a wall, each specific to the wall itself. Not "challenge-platform": real
 * Anime-Planet pages load Cloudflare's bot-management beacon from /cdn-cgi/challenge-platform/
 * (test/fixtures/upstream/animeplanet), and not the word "captcha" (their login forms mention it).
 */
const MARKERS: readonly { name: string; pattern: RegExp }[] = [
  { name: 'Cloudflare challenge', pattern: /<title>\s*Just a moment\.\.\.\s*<\/title>/i },
  { name: 'Cloudflare challenge', pattern: /window\._cf_chl_opt|id="challenge-form"|cf-chl-widget/i },
  { name: 'Cloudflare block', pattern: /<title>\s*Attention Required! \| Cloudflare\s*<\/title>/i },
  { name: 'Cloudflare Turnstile captcha', pattern: /class="cf-turnstile"/i },
  { name: 'reCAPTCHA', pattern: /class="g-recaptcha"/i },
  { name: 'hCaptcha', pattern: /class="h-captcha"/i },
  { name: 'DDoS-Guard challenge', pattern: /<title>\s*DDoS-Guard\s*<\/title>/i },
];

/**
 * The wall a response shows, or null. 401/403 on a public page is a login wall or an outright
 * refusal (these sites need no account to read); 404 and 5xx are left to the kit.
 */
export function detectBotWall(body: string, response: { status: number }, pauseMs: number, site: string): UpstreamRefusal | null {
  const marker = MARKERS.find((m) => m.pattern.test(body))?.name ?? (response.status === 401 || response.status === 403 ? `HTTP ${response.status} refusal` : null);
  if (!marker) return null;
  return {
    reason: BOT_WALL_REASON,
    message: `${site} answered with a bot wall (${marker}); it is not retried or evaded`,
    pauseMs,
  };
}
