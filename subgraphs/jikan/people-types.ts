// Characters, people and what MAL counts about an anime (cast, staff, statistics, recommendations).
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Anime, MalImages } from './types.js';

@ObjectType({ description: 'A MAL character or person as other pages link to it.' })
export class MalPersonRef {
  @Field(() => Int) malId!: number;
  @Field(() => String, { description: 'As MAL lists it ("Spiegel, Spike").' }) name!: string;
  @Field(() => String, { nullable: true }) url!: string | null;
  @Field(() => MalImages, { nullable: true }) images!: MalImages | null;
}

@ObjectType()
export class MalVoiceActor {
  @Field(() => MalPersonRef) person!: MalPersonRef;
  @Field(() => String, { nullable: true }) language!: string | null;
}

@ObjectType({ description: 'A character of an anime, with the role and the voice actors.' })
export class MalCharacterRole {
  @Field(() => MalPersonRef) character!: MalPersonRef;
  @Field(() => String, { nullable: true, description: 'Main or Supporting.' }) role!: string | null;
  @Field(() => Int, { nullable: true }) favorites!: number | null;
  @Field(() => [MalVoiceActor]) voiceActors!: MalVoiceActor[];
}

@ObjectType()
export class MalStaffMember {
  @Field(() => MalPersonRef) person!: MalPersonRef;
  @Field(() => [String]) positions!: string[];
}

@ObjectType()
export class MalScoreCount {
  @Field(() => Int) score!: number;
  @Field(() => Int, { nullable: true }) votes!: number | null;
  @Field(() => Float, { nullable: true }) percentage!: number | null;
}

@ObjectType({ description: 'How MAL users list the anime, and the distribution of their scores.' })
export class MalStatistics {
  @Field(() => Int, { nullable: true }) watching!: number | null;
  @Field(() => Int, { nullable: true }) completed!: number | null;
  @Field(() => Int, { nullable: true }) onHold!: number | null;
  @Field(() => Int, { nullable: true }) dropped!: number | null;
  @Field(() => Int, { nullable: true }) planToWatch!: number | null;
  @Field(() => Int, { nullable: true }) total!: number | null;
  @Field(() => [MalScoreCount]) scores!: MalScoreCount[];
}

@ObjectType({ description: 'An anime MAL users recommend to fans of this one.' })
export class MalRecommendation {
  @Field(() => Anime) anime!: Anime;
  @Field(() => String) title!: string;
  @Field(() => MalImages, { nullable: true }) images!: MalImages | null;
  @Field(() => String, { nullable: true, description: 'The recommendation page on MAL.' }) url!: string | null;
  @Field(() => Int, { nullable: true, description: 'Users who made this recommendation.' }) votes!: number | null;
}

@ObjectType({ description: 'An anime a character appears in or a person worked on.' })
export class MalAnimeCredit {
  @Field(() => Anime) anime!: Anime;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true, description: 'Main/Supporting for a character; the position for staff.' }) role!: string | null;
}

@ObjectType({ description: 'A voice role of a person: the character, in which anime.' })
export class MalVoiceRole {
  @Field(() => MalPersonRef) character!: MalPersonRef;
  @Field(() => Anime) anime!: Anime;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) role!: string | null;
}

@ObjectType({ description: 'A MAL character page.' })
export class MalCharacter {
  @Field(() => Int) malId!: number;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) nameKanji!: string | null;
  @Field(() => [String]) nicknames!: string[];
  @Field(() => String, { nullable: true }) url!: string | null;
  @Field(() => MalImages, { nullable: true }) images!: MalImages | null;
  @Field(() => Int, { nullable: true }) favorites!: number | null;
  @Field(() => String, { nullable: true }) about!: string | null;
  @Field(() => [MalAnimeCredit], { description: 'Anime the character appears in.' }) anime!: MalAnimeCredit[];
  @Field(() => [MalVoiceActor]) voices!: MalVoiceActor[];
}

@ObjectType({ description: 'A MAL person page (voice actor or staff).' })
export class MalPerson {
  @Field(() => Int) malId!: number;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) givenName!: string | null;
  @Field(() => String, { nullable: true }) familyName!: string | null;
  @Field(() => [String]) alternateNames!: string[];
  @Field(() => String, { nullable: true, description: 'ISO 8601.' }) birthday!: string | null;
  @Field(() => String, { nullable: true }) url!: string | null;
  @Field(() => String, { nullable: true }) websiteUrl!: string | null;
  @Field(() => MalImages, { nullable: true }) images!: MalImages | null;
  @Field(() => Int, { nullable: true }) favorites!: number | null;
  @Field(() => String, { nullable: true }) about!: string | null;
  @Field(() => [MalAnimeCredit], { description: 'Staff positions on anime.' }) anime!: MalAnimeCredit[];
  @Field(() => [MalVoiceRole]) voices!: MalVoiceRole[];
}
