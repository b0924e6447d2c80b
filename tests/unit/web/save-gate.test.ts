/**
 * The save gate (web/save-gate.ts) on fake requests and a hand-driven clock: an anonymous read waits while a signed-in
 * save is in flight, and goes on when the save ends or when the bound is reached; after the bound, reads pass for a
 * while before the gate holds them again; signed-in requests, writes and a gate set to 0 never wait; a save whose
 * session is nobody's stops holding reads.
 */
import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { createSaveGate, isListingSave } from '../../../src/web/save-gate.js';

const COOKIE = 'golmok.sid';

function fakeClock() {
  let now = 0;
  let timers: Array<{ at: number; fn: () => void }> = [];
  return {
    now: () => now,
    setTimer: (fn: () => void, ms: number) => {
      const t = { at: now + ms, fn };
      timers.push(t);
      return t;
    },
    clearTimer: (t: unknown) => {
      timers = timers.filter((x) => x !== t);
    },
    advance(ms: number) {
      now += ms;
      const due = timers.filter((t) => t.at <= now);
      timers = timers.filter((t) => t.at > now);
      for (const t of due) t.fn();
    },
  };
}

const request = (method: string, url: string, signedIn: boolean) =>
  ({ method, url, headers: signedIn ? { cookie: `${COOKIE}=s%3Aabc` } : {} }) as unknown as IncomingMessage;
const response = () => Object.assign(new EventEmitter(), { locals: {} as Record<string, unknown> }) as unknown as ServerResponse;

function setup(maxWaitMs = 100) {
  const clock = fakeClock();
  const released: string[] = [];
  const gate = createSaveGate({ maxWaitMs, sessionCookie: COOKIE, ...clock, onReleased: (how) => released.push(how) });
  /** Sends a request through the gate: its `went` turns true when the gate lets it in. */
  const send = (method: string, url: string, signedIn: boolean) => {
    const res = response();
    const r = { res, went: false };
    gate.admit(request(method, url, signedIn), res, () => {
      r.went = true;
    });
    return r;
  };
  const save = () => send('POST', '/submissions/7/edit?_csrf=x', true);
  const read = () => send('GET', '/listings/1-a', false);
  return { gate, clock, released, send, save, read };
}

describe('the save gate', () => {
  it('with no save in flight, a read goes in at once', () => {
    const { read } = setup();
    expect(read().went).toBe(true);
  });

  it('a read arriving while a save is in flight waits, and goes in when the save has answered', () => {
    const { gate, save, read, released } = setup();
    const s = save();
    expect(s.went).toBe(true);
    const r = read();
    expect(r.went).toBe(false);
    expect(gate.stats()).toEqual({ saving: 1, waiting: 1 });
    s.res.emit('finish');
    expect(r.went).toBe(true);
    expect(gate.stats()).toEqual({ saving: 0, waiting: 0 });
    expect(released).toEqual(['saved']);
  });

  it('reads wait for the last of two saves; a save whose client went away ends its hold too', () => {
    const { save, read } = setup();
    const a = save();
    const b = save();
    const r = read();
    a.res.emit('finish');
    a.res.emit('close');
    expect(r.went).toBe(false);
    b.res.emit('close');
    expect(r.went).toBe(true);
  });

  it('a read waits no longer than the bound, then reads pass freely for as long again before the gate holds them', () => {
    const { clock, save, read, released } = setup(100);
    const s = save();
    const first = read();
    clock.advance(60);
    const second = read();
    expect([first.went, second.went]).toEqual([false, false]);
    clock.advance(40);
    expect([first.went, second.went]).toEqual([true, true]);
    expect(released).toEqual(['bound', 'bound']);
    // The save is still in flight: the door stays open for 100 ms, then holds new reads again.
    clock.advance(99);
    expect(read().went).toBe(true);
    clock.advance(1);
    const later = read();
    expect(later.went).toBe(false);
    s.res.emit('finish');
    expect(later.went).toBe(true);
  });

  it('signed-in reads, anonymous writes and other signed-in posts never wait, and mark nothing', () => {
    const g = setup();
    g.save();
    expect(g.read().went).toBe(false);
    const others = [
      ['GET', '/my/listings', true],
      ['POST', '/listings/1/calls', false],
      ['POST', '/submissions/new', false],
      ['POST', '/login', true],
    ] as const;
    for (const [method, url, signedIn] of others) expect(g.send(method, url, signedIn).went, `${method} ${url}`).toBe(true);
    expect(g.gate.stats().saving).toBe(1);
  });

  it('only POSTs of the listing form and of owner actions count as saves', () => {
    const at = (method: string, url: string) => isListingSave(request(method, url, true));
    expect(at('POST', '/submissions/new')).toBe(true);
    expect(at('POST', '/submissions/12/edit?_csrf=abc')).toBe(true);
    expect(at('POST', '/submissions/12/renew')).toBe(true);
    expect(at('GET', '/submissions/12/edit')).toBe(false);
    expect(at('POST', '/desk/paste')).toBe(false);
    expect(at('POST', '/login')).toBe(false);
  });

  it('a marked save whose session is nobody\'s lets the waiting reads in as soon as that is known', () => {
    const { gate, save, read } = setup();
    const s = save();
    const r = read();
    let nexted = false;
    const next: NextFunction = () => {
      nexted = true;
    };
    gate.releaseUnlessSignedIn({} as Request, s.res as unknown as Response, next);
    expect([nexted, r.went]).toEqual([true, true]);
    // Its end later changes nothing.
    s.res.emit('finish');
    expect(gate.stats()).toEqual({ saving: 0, waiting: 0 });
  });

  it('a signed-in save keeps holding after the user is loaded', () => {
    const { gate, save, read } = setup();
    const s = save();
    (s.res as unknown as Response).locals.currentUser = { id: 1 };
    const r = read();
    gate.releaseUnlessSignedIn({} as Request, s.res as unknown as Response, () => undefined);
    expect(r.went).toBe(false);
  });

  it('set to 0 the gate is off: nothing waits', () => {
    const { save, read } = setup(0);
    save();
    expect(read().went).toBe(true);
  });
});
