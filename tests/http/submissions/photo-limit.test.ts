// One photo limit (UPLOAD_MAX_FILES) for the listing form: the upload parser, the validation, the message and the form's
// hint all say the same number. Here it is 2: the third photo is refused in words, and the form comes back filled in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { agentsFor, createUserRow, tokenFrom, type TestUser } from '../../helpers/as-user.js';
import { smallPng } from '../../helpers/images.js';

describe.each(engines())('the listing form\'s photo limit on %s', (engine) => {
  let t: TestApp;
  let as: ReturnType<typeof agentsFor>;
  let owner: TestUser;
  beforeAll(async () => {
    t = await createTestApp({ engine, env: { UPLOAD_MAX_FILES: '2' } });
    as = agentsFor(t);
    owner = await createUserRow(t, 'photos@example.kr');
  });
  afterAll(async () => t.close());

  /** The form's POST with its token and the typed fields, ready for photos (a function: a request starts when awaited). */
  async function form(path: string, user = owner) {
    const agent = await as(user);
    const token = tokenFrom((await agent.get(path).expect(200)).text);
    return () => agent.post(path).field('_csrf', token).field('kind', 'business').field('name', '사진많은 꽃집').field('description', '꽃다발과 화환');
  }
  const photos = async (listingId: number) => Number((await t.db('media').where({ listing_id: listingId }).count({ n: '*' }).first())?.n);

  it('the form says how many photos it takes', async () => {
    expect((await (await as(owner)).get('/submissions/new').expect(200)).text).toContain('최대 2장');
  });

  it('three photos in one request → 413, "up to 2 photos", the typed name kept, nothing saved', async () => {
    const before = Number((await t.db('media').count({ n: '*' }).first())?.n);
    const res = await (await form('/submissions/new'))()
      .attach('photos', await smallPng(), 'a.png').attach('photos', await smallPng(), 'b.png').attach('photos', await smallPng(), 'c.png')
      .field('action', 'draft').expect(413);
    expect(res.text).toContain('사진은 2장까지 올릴 수 있습니다');
    expect(res.text).toContain('value="사진많은 꽃집"');
    expect(res.text).toContain('꽃다발과 화환');
    expect(await t.db('listings').where({ name: '사진많은 꽃집' })).toHaveLength(0);
    expect(Number((await t.db('media').count({ n: '*' }).first())?.n)).toBe(before);
  });

  it('a listing with two photos and one more sent → 422 naming the limit, the form filled, the listing keeps its two', async () => {
    await (await form('/submissions/new'))().attach('photos', await smallPng(), 'a.png').attach('photos', await smallPng(), 'b.png')
      .field('action', 'draft').expect(303);
    const listing = await t.db('listings').where({ name: '사진많은 꽃집', owner_id: owner.id }).first('id');
    const id = Number(listing.id);
    expect(await photos(id)).toBe(2);
    const kept = (await t.db('media').where({ listing_id: id }).orderBy('id').pluck('id')).map(String);
    const res = await (await form(`/submissions/${id}/edit`))()
      .field('media[0][id]', kept[0]).field('media[0][role]', 'photo').field('media[1][id]', kept[1]).field('media[1][role]', 'photo')
      .attach('photos', await smallPng(), 'c.png').field('action', 'draft').expect(422);
    expect(res.text).toContain('사진은 2장까지 올릴 수 있습니다');
    expect(res.text).toContain('value="사진많은 꽃집"');
    expect(await photos(id)).toBe(2);
  });

  it('in English the message names the limit too', async () => {
    const reader = await createUserRow(t, 'photos-en@example.kr');
    await (await as(reader)).get('/?lang=en').expect(200);
    const res = await (await form('/submissions/new', reader))()
      .attach('photos', await smallPng(), 'a.png').attach('photos', await smallPng(), 'b.png').attach('photos', await smallPng(), 'c.png')
      .field('action', 'draft');
    expect(res.status).toBe(413);
    expect(res.text).toContain('A listing can have up to 2 photos');
  });
});
