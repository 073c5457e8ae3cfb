/**
 * The browser's door to the team server, against a fake fetch: every status the API answers
 * becomes the error the UI words, a page without a store (vite dev's index.html, a static host's
 * 404) is "no server", and a hanging server times out.
 */
import { describe, expect, it } from 'vitest';
import { parseServerSet } from './remote.client';
import { createRemote } from './remote';

type Call = { url: string; init: RequestInit };

function fakeFetch(answer: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const f = ((input: RequestInfo | URL, init: RequestInit = {}) => {
    const call = { url: input instanceof Request ? input.url : input.toString(), init };
    calls.push(call);
    return Promise.resolve(answer(call));
  }) as typeof fetch;
  return { f, calls };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });

const SET = {
  id: 'a1B2_c-3',
  name: 'host-runs',
  records: 12,
  flagged: 0,
  created: '2026-12-06T07:00:00.000Z',
  sha256: 'AB'.repeat(32),
  files: ['host-runs.csv'],
};

describe('remote: the team server API from the browser', () => {
  it('lists sets, dropping entries that are not sets (bad id, no name)', async () => {
    const { f, calls } = fakeFetch(() =>
      json(200, [SET, { ...SET, id: '../x' }, { ...SET, name: '' }, 'junk']),
    );
    const r = await createRemote({ fetch: f, base: '/app' }).listSets({ trash: true });
    expect(r).toEqual({ ok: true, value: [{ ...SET, sha256: 'ab'.repeat(32) }] });
    expect(calls[0]!.url).toBe('/app/api/sets?trash=1');
  });

  it('says "no server" for vite dev (index.html), a static host (404) and no answer', async () => {
    const html = new Response('<!doctype html>', { headers: { 'Content-Type': 'text/html' } });
    const answers: (() => Response | Promise<Response>)[] = [
      () => html,
      () => new Response('not found', { status: 404 }),
      () => Promise.reject(new TypeError('Failed to fetch')),
    ];
    for (const answer of answers) {
      const { f } = fakeFetch(answer);
      expect(await createRemote({ fetch: f }).detectServer()).toBe(false);
    }
    const { f } = fakeFetch(() => json(200, []));
    expect(await createRemote({ fetch: f }).detectServer()).toBe(true);
  });

  it('words each refusal of an upload by its status, with the server reason', async () => {
    const cases = [
      [401, 'token'],
      [403, 'forbidden'],
      [413, 'too-large'],
      [400, 'rejected'],
      [404, 'not-found'],
      [500, 'server'],
    ] as const;
    for (const [status, kind] of cases) {
      const { f } = fakeFetch(() => json(status, { error: `reason ${status}` }));
      const r = await createRemote({ fetch: f }).postSet('s', [{ name: 'a.csv', body: 'x' }]);
      expect(r).toMatchObject({ ok: false, reason: { kind, message: `reason ${status}` } });
    }
  });

  it('sends one file as the body, several as multipart/form-data, and the token as Bearer', async () => {
    const { f, calls } = fakeFetch(() =>
      json(201, {
        id: 'n3w',
        name: 'runs (2)',
        records: 3,
        accepted: 3,
        rejected: 0,
        flagged: 1,
        sha256: 'CD'.repeat(32),
      }),
    );
    const remote = createRemote({ fetch: f });
    const one = await remote.postSet('runs', [{ name: 'runs.csv', body: 'aio,iops\n' }], 'tok-123');
    expect(one).toEqual({
      ok: true,
      value: {
        id: 'n3w',
        name: 'runs (2)',
        records: 3,
        accepted: 3,
        rejected: 0,
        flagged: 1,
        sha256: 'cd'.repeat(32),
      },
    });
    expect(calls[0]!.url).toBe('/api/sets?name=runs&file=runs.csv');
    expect(calls[0]!.init.method).toBe('POST');
    expect((calls[0]!.init.headers as Record<string, string>).Authorization).toBe('Bearer tok-123');
    await remote.postSet('a&b=c', [
      { name: 'x.json', body: '{}' },
      { name: 'y.json', body: new Blob(['{}']) },
    ]);
    expect(calls[1]!.url).toBe('/api/sets?name=a%26b%3Dc');
    const form = calls[1]!.init.body as FormData;
    expect(form).toBeInstanceOf(FormData);
    expect(form.getAll('file').map((v) => (v as File).name)).toEqual(['x.json', 'y.json']);
    expect((calls[1]!.init.headers as Record<string, string>).Authorization).toBeUndefined();
    expect(await remote.postSet('s', [])).toMatchObject({
      ok: false,
      reason: { kind: 'rejected' },
    });
  });

  it('times out a server that does not answer', async () => {
    const f = ((_: RequestInfo | URL, init: RequestInit = {}) =>
      new Promise<Response>((_ok, failed) => {
        init.signal?.addEventListener('abort', () =>
          failed(new DOMException('aborted', 'AbortError')),
        );
      })) as typeof fetch;
    const r = await createRemote({ fetch: f, timeoutMs: 20 }).listSets();
    expect(r).toEqual({ ok: false, reason: { kind: 'timeout', seconds: 0 } });
  });

  it('reads records as CSV bytes, and refuses ids outside the pattern without a request', async () => {
    const { f, calls } = fakeFetch(() => new Response('aio,iops\nnative,1\n'));
    const remote = createRemote({ fetch: f });
    const r = await remote.getRecordsCsv('abc');
    expect(r.ok && new TextDecoder().decode(r.value)).toBe('aio,iops\nnative,1\n');
    expect(calls.map((c) => c.url)).toEqual(['/api/sets/abc/records?format=csv']);
    expect(await remote.getRecordsCsv('../../etc')).toMatchObject({
      ok: false,
      reason: { kind: 'not-found' },
    });
    expect(calls).toHaveLength(1);
  });

  it('parses a listed set leniently but never takes a bad id', () => {
    expect(parseServerSet({ id: 'x', name: 'n', records: 1 })).toEqual({
      id: 'x',
      name: 'n',
      records: 1,
      flagged: 0,
      created: '',
      sha256: '',
      files: [],
    });
    expect(parseServerSet({ id: 'a b', name: 'n', records: 1 })).toBeNull();
    expect(parseServerSet({ id: 'x', name: 'n', records: -1 })).toBeNull();
  });
});
