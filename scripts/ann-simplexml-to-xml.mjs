#!/usr/bin/env node
// Rebuilds an ANN encyclopedia answer (api.xml) as XML from the JSON its holder stored instead
// (sprak3000/AnimeNewsNetworkDataAPI fixtures: Guzzle's XML-to-array conversion of the answer,
// then json_encode). The mapping is mechanical and documented in
// test/fixtures/upstream/PROVENANCE.md ("ann/"); nothing is added that the JSON does not hold,
// except the `id` of the root <anime>, which the holder's conversion dropped and which is the id
// the holder requested (its file name, `(anime_<id>)`).
//
//   node scripts/ann-simplexml-to-xml.mjs <in.json> <anime id> > out.xml
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const escapeText = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (s) => escapeText(s).replace(/"/g, '&quot;');
const isIndex = (key) => /^\d+$/.test(key);

/**
 * One JSON value as the elements named `name` it stands for. The holder's format folds a run of
 * same-named siblings into one object: the first sibling's own content (`@attributes`, `value`,
 * its children by name) plus the later siblings under the keys "0", "1", … in document order.
 */
function elements(name, value, depth) {
  if (typeof value === 'string') return [`<${name}>${escapeText(value)}</${name}>`];
  // An element with neither text nor children (ANN's <img src=…/>) arrives as [] without its attributes.
  if (Array.isArray(value)) {
    if (value.length !== 0) throw new Error(`${name}: a non-empty JSON array has no mapping`);
    return [`<${name}/>`];
  }
  if (value === null || typeof value !== 'object') throw new Error(`${name}: unexpected ${typeof value}`);
  const own = Object.entries(value).filter(([key]) => !isIndex(key));
  const later = Object.entries(value)
    .filter(([key]) => isIndex(key))
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([, sibling]) => sibling);
  return [element(name, Object.fromEntries(own), depth), ...later.flatMap((sibling) => elements(name, sibling, depth))];
}

/** One element from its own content: attributes, text, then its child groups in key order. */
function element(name, content, depth, extraAttributes = {}) {
  const attributes = { ...extraAttributes, ...(content['@attributes'] ?? {}) };
  const attributeText = Object.entries(attributes)
    .map(([key, v]) => ` ${key}="${escapeAttribute(String(v))}"`)
    .join('');
  const children = Object.entries(content)
    .filter(([key]) => key !== '@attributes' && key !== 'value')
    .flatMap(([key, v]) => elements(key, v, depth + 1));
  const text = typeof content.value === 'string' ? escapeText(content.value) : '';
  if (!children.length && !text) return `<${name}${attributeText}/>`;
  // The root's children one per line, so a diff of the output reads; deeper elements stay inline.
  const inner = depth === 0 ? `\n${children.join('\n')}\n` : children.join('');
  return `<${name}${attributeText}>${text}${inner}</${name}>`;
}

/** The XML answer `<ann><anime id="…">…</anime></ann>` for the holder's JSON of one anime. */
export function annSimplexmlToXml(json, animeId) {
  if (!/^\d+$/.test(String(animeId))) throw new Error('the anime id must be digits');
  const keys = Object.keys(json);
  if (keys.length !== 1 || keys[0] !== 'anime') throw new Error('expected a JSON object with the one key "anime"');
  return `<ann>${element('anime', json.anime, 0, { id: String(animeId) })}</ann>\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [input, id] = process.argv.slice(2);
  if (!input || !id) {
    process.stderr.write('usage: node scripts/ann-simplexml-to-xml.mjs <in.json> <anime id> > out.xml\n');
    process.exit(2);
  }
  process.stdout.write(annSimplexmlToXml(JSON.parse(readFileSync(input, 'utf8')), id));
}
