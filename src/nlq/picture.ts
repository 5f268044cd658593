// Pictures in questions: an http(s) image URL or a data:image URI, read from the text as typed
// (URLs and base64 are case-sensitive, so before the parser lower-cases anything).

// A URL counts as a picture when its path ends in an image extension (query string allowed) or
// when the words around it ask about a picture ("what anime is this poster <url>").
const URL = /\bhttps?:\/\/[^\s<>"'()]+/i;
const DATA_URI = /\bdata:image\/[a-z0-9.+-]+(?:;[a-z0-9=.+-]+)*,[A-Za-z0-9+/=%_-]+/i;
const IMAGE_PATH = /\.(?:jpe?g|png|webp|gif|avif|bmp)(?:[?#]\S*)?$/i;
const PICTURE_WORDS = /\b(?:image|picture|pic|photo|poster|screenshot|screen ?cap|key ?visual|visual|still|frame|cover|art(?:work)?|thumbnail|reverse (?:image )?search)\b/i;

export interface PictureInText {
  image: string;
  /** The question without the picture, for the other slots ("top 3 matches for this image"). */
  rest: string;
}

/** The first picture the text carries, or null. Trailing punctuation is not part of the URL. */
export function pictureIn(text: string): PictureInText | null {
  const data = DATA_URI.exec(text);
  if (data) return { image: data[0], rest: cut(text, data.index, data[0].length) };
  const url = URL.exec(text);
  if (!url) return null;
  const image = url[0].replace(/[.,;:!?]+$/, '');
  const rest = cut(text, url.index, url[0].length);
  return IMAGE_PATH.test(image) || PICTURE_WORDS.test(rest) ? { image, rest } : null;
}

function cut(text: string, at: number, length: number): string {
  return `${text.slice(0, at)} ${text.slice(at + length)}`.replace(/\s+/g, ' ').trim();
}
