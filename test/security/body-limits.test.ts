import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DIAGRAM_CHARS } from '../../contract/processes';
import { login, startTestApi, uniqueTaskQueue, type TestStack } from '../helpers';

// The diagram routes promised MAX_DIAGRAM_CHARS of XML but the app took 2 MiB bodies, so a large
// diagram came back as "request malformed (FST_ERR_CTP_BODY_TOO_LARGE)". They now take a body
// that fits their limit, answer an over-long diagram at the field, and a body past any route's
// limit is a coded 413 the console words.

describe('request body limits', () => {
  let stack: TestStack;
  let owner: string;
  beforeAll(async () => {
    stack = await startTestApi(uniqueTaskQueue('body-limits'));
    owner = await login(stack.app, 'hq.process_owner');
  });
  afterAll(async () => stack?.close());

  const post = (url: string, payload: string) => stack.app.inject({ method: 'POST', url, headers: { cookie: owner, 'content-type': 'application/json' }, payload });

  it('a Chinese diagram just over its character limit (6 MB) is refused at body.xml, on every diagram route', async () => {
    const body = JSON.stringify({ xml: '流'.repeat(MAX_DIAGRAM_CHARS + 1), changeNote: '太大' });
    expect(Buffer.byteLength(body)).toBeGreaterThan(2 * 1024 * 1024);
    for (const url of ['/api/processes', '/api/processes/validate', '/api/decisions', '/api/decisions/validate']) {
      const res = await post(url, body);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().errors, url).toEqual([expect.objectContaining({ path: 'body.xml' })]);
    }
  });

  it('a body past the limit is a 413 saying how much the route takes', async () => {
    const diagram = await post('/api/processes/validate', JSON.stringify({ xml: '测'.repeat(3_000_000) }));
    expect(diagram.statusCode).toBe(413);
    expect(diagram.json()).toEqual(expect.objectContaining({ code: 'request.tooLarge', params: { megabytes: 8 } }));
    const elsewhere = await post('/api/cases', JSON.stringify({ processKey: 'demo-approval', title: 'x', variables: { note: 'x'.repeat(3 * 1024 * 1024) } }));
    expect(elsewhere.statusCode).toBe(413);
    expect(elsewhere.json()).toEqual(expect.objectContaining({ code: 'request.tooLarge', params: { megabytes: 2 } }));
  });
});
