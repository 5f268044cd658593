// The one way upstream XML is read (AniDB's API and titles dump, ANN's encyclopedia and RSS):
// fast-xml-parser with attributes kept unprefixed, text under `#text`, and every value a string —
// ids like "0012", episode numbers like "1.5" and titles like "1983" must not turn into numbers.
import { XMLParser } from 'fast-xml-parser';

/** A parser whose elements at the given paths (as fast-xml-parser names them) are always lists. */
export function stringXmlParser(lists: ReadonlySet<string>): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    textNodeName: '#text',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    // Non-ASCII titles come as numeric character references (&#20351;).
    htmlEntities: true,
    isArray: (_name, jpath) => lists.has(String(jpath)),
  });
}
