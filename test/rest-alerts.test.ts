// deploy/prometheus/alerts.yml: valid rule groups (promtool when installed, a structural check
// always) whose every metric is one that GET /metrics exposes.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { loadConfig } from '../src/config/index.js';
import { createUpstreamKit } from '../src/http/index.js';
import { createMetrics } from '../src/metrics/index.js';

const ALERTS = 'deploy/prometheus/alerts.yml';
const HISTOGRAM_SUFFIXES = ['_bucket', '_count', '_sum'];

interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

let rules: Rule[];
let source: string;

beforeAll(async () => {
  source = await readFile(ALERTS, 'utf8');
  const document = parse(source) as { groups: Array<{ name: string; rules: Rule[] }> };
  rules = document.groups.flatMap((g) => g.rules);
});

describe(ALERTS, () => {
  it('has the seed rules: p95 over 5 s, error rate over 10 %, cache hit under 80 %', () => {
    const byName = new Map(rules.map((r) => [r.alert, r]));
    expect(byName.get('AnimeApiSlow')?.expr).toMatch(/histogram_quantile\(0\.95,[\s\S]*> 5$/);
    expect(byName.get('AnimeApiErrorRate')?.expr.trim()).toMatch(/> 0\.10$/);
    expect(byName.get('AnimeCacheHitRateLow')?.expr.trim()).toMatch(/< 0\.80$/);
  });

  it('alerts on exhausted quotas and on scraping that succeeds under 70 %', () => {
    expect(rules.find((r) => r.alert === 'AnimeQuotaExhausted')?.expr).toMatch(/increase\(anime_quota_exhausted_total\[15m\]\)\) > 0$/);
    expect(rules.find((r) => r.alert === 'AnimeScrapingSuccessLow')?.expr.trim()).toMatch(/anime_scrape_requests_total\{outcome="success"\}[\s\S]*< 0\.70$/);
  });

  it('every rule has an expression, a severity and a summary; durations are Prometheus durations', () => {
    for (const rule of rules) {
      expect(rule.alert).toMatch(/^[A-Z][A-Za-z]+$/);
      expect(rule.expr.trim().length).toBeGreaterThan(0);
      expect(['info', 'warning', 'critical']).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary).toBeTruthy();
      if (rule.for !== undefined) expect(rule.for).toMatch(/^\d+[smhd]$/);
    }
  });

  it('uses only metrics that /metrics exposes', async () => {
    const upstream = createUpstreamKit(loadConfig({ LOG_LEVEL: 'silent' }));
    const metrics = createMetrics(() => upstream.stats());
    const exposed = new Set<string>();
    for (const metric of await metrics.registry.getMetricsAsJSON()) {
      exposed.add(metric.name);
      if (String(metric.type) === 'histogram') for (const suffix of HISTOGRAM_SUFFIXES) exposed.add(metric.name + suffix);
    }
    await upstream.close();
    const used = new Set(rules.flatMap((r) => r.expr.match(/\banime_[a-z_]+/g) ?? []));
    expect(used.size).toBeGreaterThanOrEqual(5);
    for (const name of used) expect([name, exposed.has(name)]).toEqual([name, true]);
  });

  it('passes `promtool check rules` when promtool is installed', async () => {
    const promtool = await promisify(execFile)('promtool', ['--version']).then(
      () => true,
      () => false,
    );
    if (!promtool) {
      console.warn('promtool is not installed: alerts.yml was checked structurally only');
      return;
    }
    const { stdout } = await promisify(execFile)('promtool', ['check', 'rules', ALERTS]);
    expect(stdout).toMatch(/SUCCESS/);
  });
});
