// What the trigger keeps in static data between polls: each stored part is read on its own (a
// damaged part is dropped, the rest kept), handled tasks are forgotten by provider time only, and
// the ID hashes stay the same across releases so that a saved state keeps its meaning.

import type { IDataObject } from 'n8n-workflow';
import { ID_BUCKET, STATE_VERSION, TriggerMemory, bucketOf, createdSeconds, hashId, readState, writeState } from '../nodes/Seedance/trigger/state';

const T = 1_790_000_000;
const H = (id: string) => hashId(id);

describe('hashId', () => {
	test('is the same in every release (saved states name tasks by it)', () => {
		expect([hashId('cgt-20260101000000-abcde'), hashId('a'), hashId('')]).toEqual(['gTBKV-gkwp', 'BnkuXCyHCQ', 'D42yo97iaI']);
	});

	test('10 URL-safe characters, different for near IDs', () => {
		const hashes = new Set(Array.from({ length: 2000 }, (_, i) => hashId(`cgt-${i}`)));
		expect(hashes.size).toBe(2000);
		for (const h of hashes) expect(h).toMatch(/^[A-Za-z0-9_-]{10}$/);
	});
});

describe('readState: each part on its own', () => {
	const good = { v: STATE_VERSION, primed: true, watermark: T, seen: { 1: H('a') + H('b') }, watch: { w: [T, 1] }, scan: { cursor: '3', floor: T - 5 } };

	test('a state as written is read back whole', () => {
		expect(readState({ seedance: good })).toEqual(good);
	});

	test.each([
		['nothing stored', undefined],
		['not an object', 'x'],
		['an array', [good]],
		['another layout version', { ...good, v: 1 }],
	])('%s: a fresh state (recording anew)', (_, raw) => {
		expect(readState({ seedance: raw as IDataObject })).toEqual({ v: STATE_VERSION, primed: false, seen: {}, watch: {} });
	});

	test('damaged parts are dropped, the rest kept', () => {
		const raw = {
			...good,
			seen: { 1: H('a'), 2: 'short', 3: 42, 4: H('c') + 'xyz', 5: Array(10).fill('x') },
			watch: { ok: [T, 0], negative: [T, -1], fraction: [T, 0.5], short: [T], text: 'x' },
			watermark: Number.POSITIVE_INFINITY,
			scan: { floor: 'soon' },
		};
		expect(readState({ seedance: raw })).toStrictEqual({ v: STATE_VERSION, primed: true, seen: { 1: H('a') }, watch: { ok: [T, 0] } });
	});

	test.each([['missing', undefined], ['not an object', 'x'], ['null', null]])('"seen" %s: not primed (nothing emitted until recorded anew)', (_, seen) => {
		expect(readState({ seedance: { ...good, seen } as IDataObject })).toMatchObject({ primed: false, seen: {}, watermark: T, watch: { w: [T, 1] } });
	});

	test('primed only when stored as exactly true', () => {
		expect(readState({ seedance: { ...good, primed: 'true' } }).primed).toBe(false);
	});

	test('a watermark that is not a number is dropped', () => {
		expect(readState({ seedance: { ...good, watermark: '1790000000' } })).not.toHaveProperty('watermark');
	});

	test('a pending scan without cursor is kept (it continues from the newest)', () => {
		expect(readState({ seedance: { ...good, scan: { floor: T } } }).scan).toEqual({ floor: T });
	});
});

describe('times and buckets', () => {
	test('createdSeconds: whole seconds of an ISO time, or undefined', () => {
		expect(createdSeconds('2026-09-21T10:00:01.900Z')).toBe(Date.UTC(2026, 8, 21, 10, 0, 1) / 1000);
		expect(createdSeconds(null)).toBeUndefined();
		expect(createdSeconds('')).toBeUndefined();
		expect(createdSeconds('not a time')).toBeUndefined();
	});

	test('bucketOf: 10-minute buckets of the creation time, else of the watermark, else 0', () => {
		expect(bucketOf(1200, 99_999)).toBe('2');
		expect(bucketOf(1799, undefined)).toBe('2');
		expect(bucketOf(undefined, 1800)).toBe('3');
		expect(bucketOf(undefined, undefined)).toBe('0');
		expect(bucketOf(0, 1800)).toBe('0');
	});
});

describe('TriggerMemory', () => {
	test('a handled task is known, no longer watched, and stored once', () => {
		const memory = new TriggerMemory(readState({}));
		memory.keepWatching('a', T, 0);
		memory.markSeen('a', '5');
		memory.markSeen('a', '5');
		memory.markSeen('a', '6');
		expect(memory.has('a')).toBe(true);
		expect(memory.has('b')).toBe(false);
		expect(memory.seenCount).toBe(1);
		expect(memory.toState()).toMatchObject({ seen: { 5: H('a') }, watch: {} });
	});

	test('what was stored is known again after a restart, and new marks join their bucket', () => {
		const first = new TriggerMemory(readState({}));
		first.markSeen('a', '5');
		first.primed = true;
		first.watermark = 5 * 600;
		const staticData: IDataObject = {};
		writeState(staticData, first.toState());
		const second = new TriggerMemory(readState(staticData));
		expect(second.has('a')).toBe(true);
		expect(second.seenCount).toBe(1);
		second.markSeen('b', '5');
		second.markSeen('c', '4');
		expect(second.toState()).toEqual({ v: STATE_VERSION, primed: true, watermark: 3000, seen: { 5: H('a') + H('b'), 4: H('c') }, watch: {} });
	});

	test('a task checked again moves to the end of the watch list, with its new attempts', () => {
		const memory = new TriggerMemory(readState({}));
		memory.keepWatching('a', T, 0);
		memory.keepWatching('b', T, 0);
		memory.keepWatching('a', T, 2);
		expect(Object.entries(memory.toState().watch)).toEqual([['b', [T, 0]], ['a', [T, 2]]]);
	});

	test('buckets an hour below the watermark (or a pending scan\'s floor, if lower) are forgotten', () => {
		const memory = new TriggerMemory(readState({}));
		const wm = 100 * 600;
		memory.watermark = wm;
		// Bucket b ends at (b + 1) * 600: kept while that is not below watermark - 3600.
		for (const b of [92, 93, 94, 100]) memory.markSeen(`t${b}`, String(b));
		expect(Object.keys(memory.toState().seen).sort()).toEqual(['100', '93', '94']);
		memory.scan = { floor: wm - 1200 };
		expect(Object.keys(memory.toState().seen).sort()).toEqual(['100', '92', '93', '94']);
		memory.scan = { floor: wm + 6000 };
		expect(Object.keys(memory.toState().seen).sort()).toEqual(['100', '93', '94']);
	});

	test('without a watermark nothing is forgotten', () => {
		const memory = new TriggerMemory(readState({}));
		memory.markSeen('old', '1');
		expect(memory.toState().seen).toEqual({ 1: H('old') });
	});

	test('These Task IDs: only the listed IDs are remembered and watched', () => {
		const memory = new TriggerMemory(readState({}));
		memory.markSeen('a', ID_BUCKET);
		memory.markSeen('b', ID_BUCKET);
		memory.keepWatching('c', 0, 1);
		memory.keepWatching('d', 0, 1);
		expect(memory.toState(new Set(['b', 'd']))).toMatchObject({ seen: { [ID_BUCKET]: H('b') }, watch: { d: [0, 1] } });
		expect(memory.toState(new Set(['x']))).toMatchObject({ seen: {}, watch: {} });
		expect(memory.toState()).toMatchObject({ seen: {}, watch: { c: [0, 1], d: [0, 1] } });
	});
});
