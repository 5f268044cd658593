// The words the CLI prints: the plan of a dry run and the summary at the end of a run.
import { formatDuration } from './floor.js';
import type { HarvestPlanSummary, HarvestReport } from './harvest.js';
import { HARVEST_SOURCES } from './source.js';

const n = (value: number) => value.toLocaleString('en-US');

function skippedLine(skipped: HarvestPlanSummary['skipped']): string {
  return `${n(skipped.fresh)} still fresh, ${n(skipped.notFound)} known to no source, ${n(skipped.noIds)} without a source id, ${n(skipped.otherSource)} left to other sources, ${n(skipped.overLimit)} over --limit`;
}

export function formatPlan(plan: HarvestPlanSummary): string {
  const lines = [`would ask about ${n(plan.planned)} anime:`];
  for (const name of HARVEST_SOURCES) {
    const p = plan.perSource[name];
    if (!p.entries) continue;
    lines.push(`  ${name.padEnd(8)} ${n(p.entries)} anime in ${n(p.requests)} requests, at least ${formatDuration(p.floorMs)} under its limits`);
    lines.push(`           first: ${p.sample.map((s) => `${s.animeId} (${name} ${s.id})`).join(', ')}`);
  }
  lines.push(`  skipped: ${skippedLine(plan.skipped)}`);
  lines.push(`time floor: ${formatDuration(plan.floorMs)} (the sources run side by side; anime a source does not know go on to the next and may add to it)`);
  return lines.join('\n');
}

export function formatSummary(report: HarvestReport): string {
  const c = report.counts;
  const failed = Object.entries(c.failed).sort(([, a], [, b]) => b - a);
  const failedTotal = failed.reduce((sum, [, k]) => sum + k, 0);
  const verdict = { finished: 'finished', interrupted: 'interrupted (checkpoint kept: run again to resume)', failed: `failed: ${report.error ?? 'unknown error'}` }[report.status];
  const requests = HARVEST_SOURCES.filter((s) => report.requests[s] !== undefined).map((s) => `${s} ${n(report.requests[s]!)}`);
  const ratio = report.floorMs > 0 ? ` = ${(report.elapsedMs / report.floorMs).toFixed(2)}× the floor of ${formatDuration(report.floorMs)}` : '';
  return [
    `catalog:enrich ${verdict} in ${formatDuration(report.elapsedMs)} (run ${report.runId}${report.resumed ? ', resumed' : ''})`,
    `  asked:      ${n(c.planned)} anime (${HARVEST_SOURCES.map((s) => `${s} ${n(c.sources[s].planned)}`).join(', ')})`,
    `  fetched:    ${n(c.fetched)} new or changed, ${n(c.unchanged)} unchanged`,
    `  not found:  ${n(c.notFound)} known to no source asked${c.freshElsewhere ? `, ${n(c.freshElsewhere)} answered by another source's fresh record` : ''}${c.handedOn ? `, ${n(c.handedOn)} handed on to a source left out` : ''}`,
    `  failed:     ${n(failedTotal)}${failed.length ? ` (${failed.map(([code, k]) => `${code} ${n(k)}`).join(', ')}; asked again next run)` : ''}`,
    ...(c.deferred ? [`  deferred:   ${n(c.deferred)} not asked this time (asked next run)`] : []),
    `  skipped:    ${skippedLine(c.skipped)}`,
    `  requests:   ${requests.join(', ') || 'none'}; took ${formatDuration(report.elapsedMs)}${ratio}`,
  ].join('\n');
}
