// robots.txt, read and obeyed per host (RFC 9309 via robots-parser). The file is fetched through
// the site's own kit client, so it shares the host's request budget and is cached like a page.
import robotsParserModule from 'robots-parser';
import { z } from 'zod';
import { AppError, ErrorCode } from '../errors/index.js';
import type { SourceClient } from '../http/types.js';

// The package is CommonJS (module.exports = the function) while its typings declare a default
// export, which NodeNext reads as `{ default }`; at run time the default import is the function.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;
type Robots = ReturnType<typeof robotsParser>;

/** The product token robots.txt groups are matched on ("anime-federation" of "anime-federation/0.1 (…)"). */
export function robotsAgent(userAgent: string): string {
  return userAgent.trim().split(/[\s/]/)[0] || userAgent;
}

export class RobotsPolicy {
  // Parsed files by their text: the kit caches the text (shared across replicas), this saves re-parsing.
  private parsed: { text: string; robots: Robots } | null = null;

  constructor(
    private readonly client: SourceClient,
    private readonly baseUrl: string,
    private readonly userAgent: string,
  ) {}

  /** Resolves when robots.txt allows `path` for our agent; SOURCE_UNAVAILABLE (reason robots-disallowed) when it does not. */
  async check(path: string): Promise<void> {
    const robots = await this.load();
    const url = new URL(path, this.baseUrl).toString();
    if (robots && robots.isAllowed(url, robotsAgent(this.userAgent)) === false) {
      throw new AppError(ErrorCode.SOURCE_UNAVAILABLE, `${this.client.name}'s robots.txt does not allow ${new URL(url).pathname} for ${robotsAgent(this.userAgent)}; it is not fetched`, {
        source: this.client.name,
        reason: 'robots-disallowed',
      });
    }
  }

  /** The parsed file, or null when the site has none (404: everything is allowed, RFC 9309 §2.3.1.3). */
  private async load(): Promise<Robots | null> {
    let text: string;
    try {
      // Other failures (5xx, timeout, a bot wall) propagate: RFC 9309 says assume "disallow all" then.
      text = await this.client.request({ path: '/robots.txt', schema: z.string(), dataClass: 'catalog' });
    } catch (error) {
      if (error instanceof AppError && error.code === ErrorCode.NOT_FOUND) return null;
      throw error;
    }
    if (this.parsed?.text !== text) this.parsed = { text, robots: robotsParser(new URL('/robots.txt', this.baseUrl).toString(), text) };
    return this.parsed.robots;
  }
}
