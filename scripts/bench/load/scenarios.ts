/** The load mix's kinds of request, its scenarios with their weights, the status each step expects, and the shapes of its results. */
import type { Sample } from '../pages/targets.js';

export const KINDS = ['home', 'category', 'district', 'category-page2', 'search-page', 'search-api', 'listing', 'beacon',
  'login-form', 'login', 'my-listings', 'submission-form', 'submission'] as const;
export type Kind = (typeof KINDS)[number];

export const LOGIN: Kind[] = ['login-form', 'login'];
/** Scenarios and their weights (per 100 scenarios). */
export const SCENARIOS: Array<{ weight: number; steps: Kind[] }> = [
  { weight: 39, steps: ['listing'] },
  { weight: 8, steps: ['home'] },
  { weight: 8, steps: ['category'] },
  { weight: 5, steps: ['district'] },
  { weight: 5, steps: ['category-page2'] },
  { weight: 10, steps: ['search-page'] },
  { weight: 8, steps: ['search-api'] },
  { weight: 12, steps: ['beacon'] },
  { weight: 3, steps: [...LOGIN, 'my-listings'] },
  { weight: 2, steps: ['submission-form', 'submission'] },
];

export const EXPECT: Record<Kind, number> = {
  home: 200, category: 200, district: 200, 'category-page2': 200, 'search-page': 200, 'search-api': 200, listing: 200, beacon: 204,
  'login-form': 200, login: 303, 'my-listings': 200, 'submission-form': 200, submission: 303,
};

export interface MixData {
  sample: Sample;
  accounts: string[];
  password: string;
  categoryId: number;
  photo: Buffer;
}

export interface MixSpec {
  origins: string[];
  connections: number;
  seconds: number;
  timeoutSeconds: number;
  seed: number;
  /** No beacon is started in the last seconds, so every beacon sent has its answer when the run stops. */
  beaconQuietSeconds: number;
}

export interface KindResult {
  kind: Kind;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  /** Answers with another status than the step expects (5xx included). */
  unexpected: number;
  serverErrors: number;
  /** Steps that got no answer within the timeout. */
  timeouts: number;
  sample: string | null;
}

/** One answer with another status than its step expects: what was asked and what came back (the first 40 are kept). */
export interface UnexpectedAnswer {
  kind: Kind;
  method: string;
  path: string;
  status: number;
  location: string | null;
  /** The page's error text (error summary, field error or heading), when it has one. */
  message: string | null;
  /** Seconds since the start of the run. */
  at: number;
}

export interface MixResult {
  seconds: number;
  requests: number;
  rps: number;
  kinds: KindResult[];
  serverErrors: number;
  unexpected: number;
  socketErrors: number;
  timeouts: number;
  beacons: { sent: number; answered2xx: number; unanswered: number };
  unexpectedAnswers: UnexpectedAnswer[];
}
