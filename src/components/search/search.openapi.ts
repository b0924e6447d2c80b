/** OpenAPI 3.0 description of the public read-only API. Tests validate real responses against it. */
const phone = {
  type: 'object',
  required: ['display', 'e164'],
  properties: { display: { type: 'string' }, e164: { type: 'string', pattern: '^\\+82\\d{7,11}$' } },
};
const nullableString = { type: 'string', nullable: true };
const searchParams = [
  {
    name: 'q',
    in: 'query',
    schema: { type: 'string', maxLength: 200 },
    description: 'Words, a district (북구), a brand or a phone number in any form',
  },
  { name: 'category', in: 'query', schema: { type: 'string' } },
  { name: 'district', in: 'query', schema: { type: 'string', enum: ['동구', '서구', '남구', '북구', '광산구'] } },
  { name: 'kind', in: 'query', schema: { type: 'string', enum: ['business', 'classified'] } },
  { name: 'open', in: 'query', schema: { type: 'string', enum: ['now'] } },
  {
    name: 'sort',
    in: 'query',
    schema: { type: 'string', enum: ['relevance', 'newest', 'name', 'near'] },
    description:
      '`near`: nearest first from lat/lng or area (listings without coordinates last); a position without a sort also means `near`',
  },
  {
    name: 'lat',
    in: 'query',
    schema: { type: 'number', minimum: 33, maximum: 38.7 },
    description: 'Where to measure from (rounded to 3 decimals; never stored or logged)',
  },
  { name: 'lng', in: 'query', schema: { type: 'number', minimum: 124.5, maximum: 132 } },
  {
    name: 'area',
    in: 'query',
    schema: { type: 'string' },
    description: 'A Gwangju 구 or 동 (`북구`, `북구 용봉동`) to measure from instead of lat/lng',
  },
  {
    name: 'radius',
    in: 'query',
    schema: { type: 'integer', enum: [1, 3, 10] },
    description: 'Only listings within this many km (located ones only)',
  },
  { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 } },
  {
    name: 'literal',
    in: 'query',
    schema: { type: 'string', enum: ['1'] },
    description: 'Search exactly what was typed (no Korean-keyboard conversion of Latin letters)',
  },
  {
    name: 'explain',
    in: 'query',
    schema: { type: 'string', enum: ['1'] },
    description:
      "Each result's ranking facts (`ranking`): signed-in admins, or a development server; others are sent to sign in or refused",
  },
];

export function openApiDocument(origin: string) {
  return {
    openapi: '3.0.3',
    info: {
      title: 'Golmok public API',
      version: '1.0.0',
      description: 'Read-only: search, suggestions, categories and public listings. GET only, CORS allowed, rate-limited.',
    },
    servers: [{ url: origin }],
    paths: {
      '/api/search': {
        get: {
          summary: 'Search listings',
          parameters: searchParams,
          responses: {
            200: { description: 'Results', content: { 'application/json': { schema: { $ref: '#/components/schemas/SearchResponse' } } } },
            429: { description: 'Too many requests' },
          },
        },
      },
      '/api/suggest': {
        get: {
          summary: 'Autocomplete',
          parameters: [{ name: 'q', in: 'query', schema: { type: 'string' } }],
          responses: {
            200: {
              description: 'Up to 8 suggestions',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/SuggestResponse' } } },
            },
          },
        },
      },
      '/api/categories': {
        get: {
          summary: 'All categories',
          responses: {
            200: {
              description: 'Categories',
              content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Category' } } } },
            },
          },
        },
      },
      '/api/listings/{id}': {
        get: {
          summary: 'A public listing',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
          responses: {
            200: { description: 'The listing', content: { 'application/json': { schema: { $ref: '#/components/schemas/Listing' } } } },
            404: { description: 'Not found or not public' },
          },
        },
      },
    },
    components: {
      schemas: {
        SearchResponse: {
          type: 'object',
          required: ['query', 'total', 'page', 'results'],
          additionalProperties: false,
          properties: {
            query: { type: 'string' },
            total: { type: 'integer', minimum: 0 },
            page: { type: 'integer', minimum: 1 },
            suggestion: { type: 'string' },
            searched: {
              type: 'string',
              description: 'The Hangul query searched instead of Latin letters typed in English keyboard mode (zkvp → 카페)',
            },
            results: { type: 'array', items: { $ref: '#/components/schemas/SearchResult' } },
          },
        },
        SearchResult: {
          type: 'object',
          required: ['id', 'name', 'url', 'kind', 'category', 'district', 'phones', 'snippet'],
          additionalProperties: false,
          properties: {
            id: { type: 'integer' },
            name: { type: 'string' },
            url: { type: 'string' },
            kind: { type: 'string', enum: ['business', 'classified'] },
            category: nullableString,
            district: nullableString,
            phones: { type: 'array', items: phone },
            snippet: { type: 'string' },
            offer: {
              type: 'object',
              nullable: true,
              required: ['name', 'priceKrw'],
              additionalProperties: false,
              description:
                'The offer matching the price words of the query (5만원, 3만원대, 10만원 이하), else the first offer with a price',
              properties: { name: { type: 'string' }, priceKrw: { type: 'integer' } },
            },
            ranking: {
              type: 'object',
              description: 'explain=1 only (admins, or a development server): the facts the relevance order compared (docs/search.md)',
            },
            distanceKm: {
              type: 'number',
              nullable: true,
              description: 'Sorted by distance: km to the nearest branch (null: no coordinates)',
            },
          },
        },
        SuggestResponse: {
          type: 'object',
          required: ['query', 'suggestions'],
          properties: {
            query: { type: 'string' },
            suggestions: {
              type: 'array',
              maxItems: 8,
              items: {
                type: 'object',
                required: ['type', 'label', 'url'],
                properties: { type: { type: 'string', enum: ['listing', 'category'] }, label: { type: 'string' }, url: { type: 'string' } },
              },
            },
          },
        },
        Category: {
          type: 'object',
          required: ['id', 'slug', 'nameKo', 'nameEn'],
          properties: {
            id: { type: 'integer' },
            parentId: { type: 'integer', nullable: true },
            slug: { type: 'string' },
            nameKo: { type: 'string' },
            nameEn: { type: 'string' },
          },
        },
        Listing: {
          type: 'object',
          required: ['id', 'name', 'kind', 'url', 'phones', 'branches', 'offers', 'categories'],
          properties: {
            id: { type: 'integer' },
            name: { type: 'string' },
            nameLatin: nullableString,
            legalName: nullableString,
            kind: { type: 'string' },
            url: { type: 'string' },
            description: { type: 'string' },
            categories: { type: 'array', items: { type: 'object' } },
            phones: { type: 'array', items: phone },
            branches: {
              type: 'array',
              items: {
                type: 'object',
                required: ['address', 'phones'],
                properties: { name: nullableString, address: { type: 'string' }, phones: { type: 'array', items: phone } },
              },
            },
            offers: {
              type: 'array',
              items: {
                type: 'object',
                required: ['name', 'priceKrw'],
                properties: { name: { type: 'string' }, priceKrw: { type: 'integer', nullable: true }, priceNote: nullableString },
              },
            },
          },
        },
      },
    },
  };
}
