// The GraphQL-over-HTTP audit of `graphql-http` (auditServer) against a running /graphql:
// `node scripts/graphql-http-audit.mjs http://127.0.0.1:4000/graphql`. Exits 1 when any MUST
// audit fails; SHOULD/MAY findings are printed as warnings.
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  process.stderr.write('usage: node scripts/graphql-http-audit.mjs <url of /graphql>\n');
  process.exit(2);
}
const results = await auditServer({ url, fetchFn: fetch });
const count = (status) => results.filter((r) => r.status === status).length;
for (const result of results) {
  if (result.status === 'ok') continue;
  const why = 'reason' in result ? result.reason : '';
  process.stdout.write(`${result.status.toUpperCase().padEnd(6)} ${result.id} ${result.name}${why ? ` — ${why}` : ''}\n`);
}
const mustFailures = results.filter((r) => r.status === 'error');
process.stdout.write(`graphql-http audit: ${results.length} audits, ${count('ok')} ok, ${count('warn')} warn (SHOULD/MAY), ${count('notice')} notice, ${mustFailures.length} MUST failures\n`);
process.exit(mustFailures.length ? 1 : 0);
