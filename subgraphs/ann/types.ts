// GraphQL shape of the ann subgraph: the Anime entity by its ANN key (and by id, so news items can
// name catalog anime), extended with the namespaced `ann` field, and the Ann* types it returns.
import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AnimeFormat } from '../../src/graphql/index.js';
import { DateTime, SourceOrigin } from '../../src/graphql/provenance.js';
import type {
  AnnAnimeRecord,
  AnnCastRecord,
  AnnCompanyRecord,
  AnnDatedLinkRecord,
  AnnEpisodeRecord,
  AnnInfoRecord,
  AnnLinkRecord,
  AnnPersonRecord,
  AnnRatingsRecord,
  AnnRelationRecord,
  AnnStaffRecord,
  AnnTitleKind,
  AnnTitleRecord,
} from './mapper.js';

export enum AnnTitleType {
  MAIN = 'MAIN',
  ALTERNATIVE = 'ALTERNATIVE',
}
registerEnumType(AnnTitleType, { name: 'AnnTitleType', description: 'ANN\'s "Main title" or an "Alternative title".' });

export enum AnnRelationDirection {
  PREVIOUS = 'PREVIOUS',
  NEXT = 'NEXT',
}
registerEnumType(AnnRelationDirection, {
  name: 'AnnRelationDirection',
  description: 'PREVIOUS: the related entry comes first (ANN related-prev); NEXT: it follows (related-next).',
});

// Joined by the catalog id, with ANN's id required from the catalog (not keyed by `annId`:
// docs/decisions.md, "AniDB, ANN and the scraped sites join by id").
@ObjectType()
@Directive('@key(fields: "id")')
export class Anime {
  // No description: the catalog's describes the shared key.
  @Field(() => ID)
  id!: string;
  @Field(() => Int, { nullable: true })
  @Directive('@external')
  annId!: number | null;
}

@ObjectType({ description: 'A title of the entry as ANN lists it, with its language.' })
export class AnnTitle implements AnnTitleRecord {
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true, description: 'ANN\'s language code (EN, JA, IT…).' }) language!: string | null;
  @Field(() => AnnTitleType) kind!: AnnTitleKind;
}

@ObjectType({ description: 'ANN user ratings: votes and two averages on ANN\'s 0–10 scale (Worst ever … Masterpiece).' })
export class AnnRatings implements AnnRatingsRecord {
  @Field(() => Int, { description: 'nb_votes.' }) votes!: number;
  @Field(() => Float, { nullable: true, description: 'weighted_score: the votes\' weighted mean.' }) weightedScore!: number | null;
  @Field(() => Float, { nullable: true, description: 'bayesian_score: the mean pulled toward ANN\'s overall mean when votes are few (what ANN ranks by).' })
  bayesianScore!: number | null;
}

@ObjectType()
export class AnnLink implements AnnLinkRecord {
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) url!: string | null;
  @Field(() => String, { nullable: true }) language!: string | null;
}

@ObjectType({ description: 'A news article, review or release ANN lists for the entry.' })
export class AnnDatedLink implements AnnDatedLinkRecord {
  @Field(() => String, { description: 'Plain text (ANN\'s <cite> markup removed).' }) title!: string;
  @Field(() => String, { nullable: true }) url!: string | null;
  @Field(() => String, { nullable: true, description: 'As ANN sends it: a date-time for news, a date for releases, none for reviews.' }) date!: string | null;
}

@ObjectType()
export class AnnEpisodeTitle {
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) language!: string | null;
}

@ObjectType()
export class AnnEpisode implements AnnEpisodeRecord {
  @Field(() => String, { nullable: true, description: 'The number as ANN writes it ("1", "1.5").' }) num!: string | null;
  @Field(() => Float, { nullable: true }) number!: number | null;
  @Field(() => [AnnEpisodeTitle]) titles!: AnnEpisodeTitle[];
}

@ObjectType({ description: 'A person or company in ANN\'s encyclopedia.' })
export class AnnPerson implements AnnPersonRecord {
  @Field(() => Int, { nullable: true }) id!: number | null;
  @Field(() => String) name!: string;
}

@ObjectType()
export class AnnStaffCredit implements AnnStaffRecord {
  @Field(() => String) task!: string;
  @Field(() => AnnPerson) person!: AnnPerson;
}

@ObjectType()
export class AnnCastCredit implements AnnCastRecord {
  @Field(() => String, { description: 'The character.' }) role!: string;
  @Field(() => String, { nullable: true, description: 'Language of the performance (JA, EN…).' }) language!: string | null;
  @Field(() => AnnPerson) person!: AnnPerson;
}

@ObjectType()
export class AnnCompanyCredit implements AnnCompanyRecord {
  @Field(() => String) task!: string;
  @Field(() => AnnPerson) company!: AnnPerson;
}

@ObjectType()
export class AnnRelation implements AnnRelationRecord {
  @Field(() => String, { description: 'As ANN words it ("adapted from", "sequel of").' }) relation!: string;
  @Field(() => Int) annId!: number;
  @Field(() => AnnRelationDirection) direction!: 'PREVIOUS' | 'NEXT';
}

@ObjectType({ description: 'An `<info>` fact of a kind without its own field.' })
export class AnnInfo implements AnnInfoRecord {
  @Field(() => String) type!: string;
  @Field(() => String) value!: string;
  @Field(() => String, { nullable: true }) language!: string | null;
}

@ObjectType({ description: 'The entry as Anime News Network\'s encyclopedia describes it.' })
export class AnnAnime implements AnnAnimeRecord {
  @Field(() => Int) id!: number;
  @Field(() => String) url!: string;
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => String, { nullable: true, description: 'ANN\'s own type (TV, movie, OAV, ONA, special…).' }) type!: string | null;
  @Field(() => AnimeFormat) format!: AnimeFormat;
  @Field(() => String, { nullable: true, description: 'ANN\'s precision of the type (e.g. "TV 2").' }) precision!: string | null;
  @Field(() => String, { nullable: true }) mainTitle!: string | null;
  @Field(() => [AnnTitle], { description: 'Main and alternative titles in every language ANN lists.' }) titles!: AnnTitle[];
  @Field(() => [String]) genres!: string[];
  @Field(() => [String]) themes!: string[];
  @Field(() => String, { nullable: true, description: 'ANN\'s age guidance code (AA, OC, TA, MA, AO).' }) objectionableContent!: string | null;
  @Field(() => String, { nullable: true }) plotSummary!: string | null;
  @Field(() => Int, { nullable: true }) episodeCount!: number | null;
  @Field(() => String, { nullable: true }) runningTime!: string | null;
  @Field(() => [String], { description: 'Air or release periods as ANN writes them ("2005-01-05 to 2005-03-23").' }) vintage!: string[];
  @Field(() => [String]) openingThemes!: string[];
  @Field(() => [String]) endingThemes!: string[];
  @Field(() => [AnnLink]) officialWebsites!: AnnLink[];
  @Field(() => String, { nullable: true }) picture!: string | null;
  @Field(() => AnnRatings, { nullable: true, description: 'Null when ANN lists no votes.' }) ratings!: AnnRatings | null;
  @Field(() => [AnnEpisode]) episodes!: AnnEpisode[];
  @Field(() => [AnnStaffCredit]) staff!: AnnStaffCredit[];
  @Field(() => [AnnCastCredit]) cast!: AnnCastCredit[];
  @Field(() => [AnnCompanyCredit]) companies!: AnnCompanyCredit[];
  @Field(() => [AnnDatedLink], { description: 'ANN news articles about the entry.' }) news!: AnnDatedLink[];
  @Field(() => [AnnDatedLink]) reviews!: AnnDatedLink[];
  @Field(() => [AnnDatedLink]) releases!: AnnDatedLink[];
  @Field(() => [AnnRelation]) related!: AnnRelation[];
  @Field(() => [AnnInfo]) otherInfo!: AnnInfo[];
  @Field(() => DateTime, { nullable: true, description: 'When ANN generated the entry (its generated-on).' }) generatedOn!: Date | null;
  @Field(() => DateTime, { nullable: true }) fetchedAt?: Date | null;
  @Field(() => SourceOrigin, { nullable: true }) origin?: SourceOrigin | null;
}

@ObjectType({ description: 'One item of ANN\'s news feed, with the catalog anime its title names.' })
export class AnnNewsItem {
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) url!: string | null;
  @Field(() => String, { nullable: true }) guid!: string | null;
  @Field(() => String, { nullable: true, description: 'Plain text.' }) description!: string | null;
  @Field(() => DateTime, { nullable: true }) publishedAt!: Date | null;
  @Field(() => [String]) categories!: string[];
  @Field(() => [Anime], { description: 'Catalog anime whose title the item names exactly (conservative: ambiguous and short names are not linked).' })
  anime!: Anime[];
  @Field(() => [String], { description: 'The names in the item that linked each anime, in the same order.' })
  matchedNames!: string[];
}
