/**
 * More search synonyms for the trades people look up in English or in loanwords (issue 13): plurals and the everyday
 * words (florist → florists, pharmacy → drugstore, hair salon → barber …). Reference data, so a migration; listings
 * already indexed pick the words up with `npm run search:reindex` (an admin's synonym edit re-indexes by itself).
 */
import type { Knex } from 'knex';

const ADDED: Record<string, string> = {
  flowers: '꽃가게 플라워 florists bouquet bouquets',
  'drones-cameras': '드론샵 cameras',
  cafes: '커피숍 카페테리아 빵집 제과점 cafes coffeeshop bakeries dessert desserts bread',
  restaurants: 'restaurants diner',
  'delivery-food': 'takeout',
  'clinics-pharmacies': 'pharmacies drugstore chemist clinics hospitals doctor',
  fitness: 'gyms pilates',
  hair: '헤어샵 헤어숍 바버샵 이발소 salons hairdresser hairdressers barber barbershop haircut',
  'nails-skin': 'nails massage',
  academies: 'academies tutor',
  realtors: 'realtors apartments',
  'car-repair': 'mechanic garage',
  'moving-cleaning': 'movers cleaners',
  pets: 'pets dogs cats grooming',
  jobs: 'parttime',
};

async function each(knex: Knex, change: (current: string[], words: string[]) => string[]): Promise<void> {
  for (const [slug, words] of Object.entries(ADDED)) {
    const row = (await knex('categories').where({ slug }).first('synonyms')) as { synonyms: string | null } | undefined;
    if (!row) continue;
    const current = String(row.synonyms ?? '').split(/\s+/).filter(Boolean);
    await knex('categories').where({ slug }).update({ synonyms: change(current, words.split(' ')).join(' ') });
  }
}

export async function up(knex: Knex): Promise<void> {
  await each(knex, (current, words) => [...current, ...words.filter((w) => !current.includes(w))]);
}

export async function down(knex: Knex): Promise<void> {
  await each(knex, (current, words) => current.filter((w) => !words.includes(w)));
}
