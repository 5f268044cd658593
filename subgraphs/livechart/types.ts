// GraphQL shape of LiveChart in the scraped subgraph: the namespaced `Anime.livechart` field (what
// the entry's page shows) and `livechartSeason` (a season chart, each entry linked to the catalog).
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Season } from '../../src/graphql/index.js';
import { DateTime, SourceOrigin } from '../../src/graphql/provenance.js';
import { Anime } from '../scraped/anime.js';
import type { LivechartAnimeRecord } from './parser.js';
import { LivechartDatePrecision, type LivechartLinkRecord, type LivechartReleaseRecord, type LivechartSeasonEntryRecord, type LivechartSeasonRecord } from './season.js';

// The entity (with the three sites' ids) is shared: the three sites form one subgraph (scraped/).
export { Anime };

registerEnumType(LivechartDatePrecision, {
  name: 'LivechartDatePrecision',
  description: 'How much of a premiere LiveChart knows: the year, the month, the day, or the time (only TIME is a broadcast time).',
});

@ObjectType({ description: 'A rating as the LiveChart page states it (schema.org AggregateRating).' })
export class LivechartRating {
  @Field(() => Float) value!: number;
  @Field(() => Int, { nullable: true }) votes!: number | null;
  @Field(() => Float, { description: 'Top of the scale (LiveChart: 10).' }) best!: number;
  @Field(() => Float, { nullable: true }) worst!: number | null;
}

@ObjectType({ description: 'The entry as its LiveChart page (livechart.me) shows it.' })
export class LivechartAnime implements LivechartAnimeRecord {
  @Field(() => Int) id!: number;
  @Field(() => String) url!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) romajiTitle!: string | null;
  @Field(() => String, { nullable: true }) englishTitle!: string | null;
  @Field(() => [String]) alternativeTitles!: string[];
  @Field(() => String, { nullable: true }) synopsis!: string | null;
  @Field(() => String, { nullable: true, description: 'LiveChart\'s format: TV, Movie, OVA, ONA…' }) format!: string | null;
  @Field(() => String, { nullable: true, description: 'The original work: Manga, Light Novel, Original…' }) source!: string | null;
  @Field(() => Int, { nullable: true, description: 'Null while airing or unknown.' }) episodes!: number | null;
  @Field(() => String, { nullable: true, description: 'Run time as shown ("23m", "2h 10m").' }) runTime!: string | null;
  @Field(() => String, { nullable: true, description: 'LiveChart\'s status: Finished, Releasing, Not yet released.' }) status!: string | null;
  @Field(() => String, { nullable: true, description: '"Fall 2006".' }) season!: string | null;
  @Field(() => String, { nullable: true, description: 'Premiere date (ISO), as the page\'s JSON-LD gives it.' }) premiere!: string | null;
  @Field(() => [String]) studios!: string[];
  @Field(() => [String]) genres!: string[];
  @Field(() => [String], { description: 'Every tag chip (genres, demographics, themes).' }) tags!: string[];
  @Field(() => LivechartRating, { nullable: true }) rating!: LivechartRating | null;
  @Field(() => Float, { nullable: true, description: 'rating on 0–10.' }) score!: number | null;
  @Field(() => String, { nullable: true }) image!: string | null;
  @Field(() => String, { nullable: true, description: 'The official website the page links.' }) website!: string | null;
  @Field(() => DateTime, { nullable: true, description: 'When the page was read (cache entries keep the time of the original read).' }) fetchedAt?: Date | null;
  @Field(() => SourceOrigin, { nullable: true }) origin?: SourceOrigin | null;
}

@ObjectType({ description: 'The release a LiveChart card counts down to: its "best match" release schedule for a visitor without an account.' })
export class LivechartRelease implements LivechartReleaseRecord {
  @Field(() => Int, { nullable: true, description: 'LiveChart\'s release-schedule id.' }) scheduleId!: number | null;
  @Field(() => String, { nullable: true, description: 'The schedule\'s page on LiveChart.' }) url!: string | null;
  @Field(() => String, { description: 'As shown: "EP1 · TV (JP)", "THTR (JP)", "BD (JP)".' }) label!: string;
  @Field(() => Int, { nullable: true, description: 'The episode the release starts with ("EP1" → 1); null for a film or a disc.' }) episode!: number | null;
  @Field(() => String, { nullable: true, description: 'LiveChart\'s abbreviation: TV, THTR (cinema), BD, ONA…' }) medium!: string | null;
  @Field(() => String, { nullable: true, description: 'The region in parentheses ("JP").' }) region!: string | null;
}

@ObjectType({ description: 'A link a LiveChart card shows (official site, social accounts, other databases, streaming services).' })
export class LivechartLink implements LivechartLinkRecord {
  @Field(() => String, { description: 'The icon\'s name: website, twitter, anilist, mal, anidb, anime-planet, anisearch, kitsu, crunchyroll…' }) site!: string;
  @Field(() => String) url!: string;
}

@ObjectType({ description: 'One anime of a LiveChart season chart, as its card shows it.' })
export class LivechartSeasonEntry implements LivechartSeasonEntryRecord {
  @Field(() => Int, { description: 'LiveChart id.' }) id!: number;
  @Field(() => String) url!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) romajiTitle!: string | null;
  @Field(() => String, { nullable: true }) englishTitle!: string | null;
  @Field(() => String, { nullable: true }) nativeTitle!: string | null;
  @Field(() => [String]) alternativeTitles!: string[];
  @Field(() => DateTime, {
    nullable: true,
    description: 'The premiere as LiveChart stores it: an instant only as exact as `premierePrecision` says (a MONTH premiere is the 1st at 00:00 UTC, a DAY premiere 00:00 in Japan). Not a broadcast time unless the precision is TIME: read `premiereDate` or `airsAt`.',
  })
  premiere!: Date | null;
  @Field(() => LivechartDatePrecision, { nullable: true }) premierePrecision!: LivechartDatePrecision | null;
  @Field(() => String, { nullable: true, description: 'The premiere to its precision, as an ISO 8601 date in Japan time: "2025", "2025-04", "2025-03-14".' })
  premiereDate!: string | null;
  @Field(() => String, { nullable: true, description: 'LiveChart\'s own words for a date it does not know to the day ("Early Spring 2025", "April 2025").' })
  premiereLabel!: string | null;
  @Field(() => DateTime, { nullable: true, description: 'The broadcast time of the premiere; only when LiveChart knows it to the minute (precision TIME).' })
  airsAt!: Date | null;
  @Field(() => LivechartRelease, { nullable: true }) release!: LivechartRelease | null;
  @Field(() => [String]) tags!: string[];
  @Field(() => [String]) studios!: string[];
  @Field(() => String, { nullable: true, description: 'The original work: Manga, Light Novel, Original…' }) source!: string | null;
  @Field(() => Int, { nullable: true, description: 'Null while unknown ("? eps").' }) episodes!: number | null;
  @Field(() => Int, { nullable: true, description: 'Length of an episode (of the film for a movie) in minutes; null while unknown ("? min").' }) minutes!: number | null;
  @Field(() => String, { nullable: true, description: 'Paragraphs separated by a blank line, without the source credit.' }) synopsis!: string | null;
  @Field(() => String, { nullable: true, description: 'Whom the synopsis credits ("Crunchyroll").' }) synopsisSource!: string | null;
  @Field(() => String, { nullable: true }) poster!: string | null;
  @Field(() => [LivechartLink]) links!: LivechartLink[];
  @Field(() => Anime, { nullable: true, description: 'The catalog anime with this LiveChart id, or else with the MyAnimeList, AniList, Kitsu or AniDB id the card links; null when the catalog does not list it.' })
  // Only the key: the gateway fetches the rest of the entity from the catalog.
  anime?: Pick<Anime, 'id'> | null;
}

@ObjectType({ description: 'A LiveChart season chart (every format: TV, films, OVAs, ONAs…), in the page\'s order.' })
export class LivechartSeason implements LivechartSeasonRecord {
  @Field(() => Int) year!: number;
  @Field(() => Season) season!: Season;
  @Field(() => String) url!: string;
  @Field(() => String, { nullable: true, description: 'The page\'s heading ("Spring 2025 Anime").' }) title!: string | null;
  @Field(() => [LivechartSeasonEntry]) entries!: LivechartSeasonEntry[];
  @Field(() => DateTime, { nullable: true, description: 'When the chart was read (cache entries keep the time of the original read).' }) fetchedAt?: Date | null;
  @Field(() => SourceOrigin, { nullable: true }) origin?: SourceOrigin | null;
}
