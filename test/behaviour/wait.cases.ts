/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code runs in Node, never in n8n */
// The wait loop's parts on a virtual clock: the schedule, the tasks-in-flight gate, the looker,
// submit's retry decisions and the wait for one task, each checked on exact values.
// Read by wait-behaviour.test.ts.

import { ProviderError } from '../../nodes/Seedance/providers/errors';
import { task, type NormalizedTask, type TaskStatus } from '../../nodes/Seedance/providers/task';
import type { ProviderClient } from '../../nodes/Seedance/providers/client';
import { CALLBACK_PATH, PER_TASK_CALLBACK_METHODS, callbackUrlOf, isPublicUrl, loadPlan, savePlan, type CallbackPlan } from '../../nodes/Seedance/wait/callback';
import type { IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';
import { TaskGate } from '../../nodes/Seedance/wait/gate';
import { TaskLooker } from '../../nodes/Seedance/wait/looker';
import { nextPollDelayMs, predictedEndMs, scaledLimits, type Observation } from '../../nodes/Seedance/wait/policy';
import { forEachLimited, submit, waitForTask, type Clock, type WaitSettings } from '../../nodes/Seedance/wait/runner';

type Case = { name: string; run: () => unknown; expected: unknown };

/** A clock whose sleeps pass at once and are written down. */
function virtualClock() {
	let now = 1_000_000;
	const sleeps: number[] = [];
	const clock: Clock = {
		now: () => now,
		sleep: async (ms: number, signal?: AbortSignal) => {
			if (signal?.aborted) throw signal.reason;
			sleeps.push(Math.round(ms));
			now += ms;
			await Promise.resolve();
		},
	};
	return { clock, sleeps, advance: (ms: number) => (now += ms) };
}

const running = (atMs: number, progress: number | null, status: TaskStatus = 'running'): Observation => ({ atMs, status, progress });
const delay = (expectedSeconds: [number, number], elapsedMs: number, more: { observations?: Observation[]; errorsInARow?: number; retryAfterMs?: number } = {}) =>
	nextPollDelayMs({ expectedSeconds, elapsedMs, observations: more.observations ?? [], errorsInARow: more.errorsInARow ?? 0, retryAfterMs: more.retryAfterMs });

const seen = (id: string, status: TaskStatus, progress: number | null = null) => task('volcengine', { id, status, progress });
const httpError = (statusCode: number, retryAfterMs?: number) =>
	new ProviderError({ provider: 'volcengine', kind: 'http', statusCode, message: `HTTP ${statusCode}`, description: 'The provider said no.', retryAfterMs });
const networkError = (mayHaveReachedProvider: boolean) =>
	new ProviderError({ provider: 'volcengine', kind: 'network', message: mayHaveReachedProvider ? 'Connection reset' : 'Connection refused', description: 'No answer.', mayHaveReachedProvider });
const outcome = async (work: () => Promise<unknown>) => {
	try {
		return { value: await work() };
	} catch (error) {
		const e = error as Error & { description?: string };
		return { error: e.name, message: e.message, ...(e.description ? { description: e.description } : {}) };
	}
};

/** A looker that answers from a script: one entry per look (a status, or an error to throw). */
function scriptedLooker(clock: Clock, script: Array<TaskStatus | [TaskStatus, number] | Error>) {
	const calls: string[] = [];
	const looker = {
		watch: (id: string) => calls.push(`watch ${id}`),
		unwatch: (id: string) => calls.push(`unwatch ${id}`),
		onSeenFinished: () => undefined,
		look: async (id: string, freshSince: number) => {
			calls.push(`look ${id} fresh ${freshSince - 1_000_000}`);
			const next = script.shift();
			if (next instanceof Error) throw next;
			const [status, progress] = Array.isArray(next) ? next : [next ?? 'running', null];
			return { task: seen(id, status, progress), atMs: clock.now() };
		},
	};
	return { looker: looker as unknown as TaskLooker, calls };
}

const SETTINGS: WaitSettings = { expectedSeconds: [60, 180], timeoutMs: 600_000, maxErrorsInARow: 3 };

async function waitWith(script: Parameters<typeof scriptedLooker>[1], settings: Partial<WaitSettings> = {}, created: NormalizedTask = seen('cgt-1', 'queued')) {
	const { clock, sleeps } = virtualClock();
	const { looker, calls } = scriptedLooker(clock, script);
	const result = await outcome(async () => {
		const r = await waitForTask(looker, created, { ...SETTINGS, ...settings }, clock);
		return { status: r.task.status, timedOut: r.timedOut, polls: r.polls, waitedMs: Math.round(r.waitedMs) };
	});
	return { result, sleeps, calls };
}

/** A fake gate that writes down what submit asks of it. */
function recordingGate() {
	const calls: string[] = [];
	const gate = {
		acquire: async (_signal?: AbortSignal, first?: boolean) => void calls.push(`acquire${first ? ' first' : ''}`),
		createAccepted: () => calls.push('accepted'),
		createRefused: () => calls.push('refused'),
		release: (wasAccepted: boolean) => calls.push(`release ${wasAccepted}`),
	};
	return { gate: gate as unknown as TaskGate, calls };
}

async function submitWith(answers: Array<NormalizedTask | Error>, settings: Partial<WaitSettings> = {}, withGate = true) {
	const { clock, sleeps } = virtualClock();
	const { gate, calls } = recordingGate();
	let sends = 0;
	const send = async () => {
		sends += 1;
		const next = answers.shift() ?? seen('cgt-9', 'queued');
		if (next instanceof Error) throw next;
		return next;
	};
	const random = Math.random;
	Math.random = () => 0.5;
	try {
		const result = await outcome(async () => (await submit({} as ProviderClient, send, { ...SETTINGS, ...settings }, clock, undefined, withGate ? gate : undefined)).id);
		return { result, sends, sleeps, gate: calls };
	} finally {
		Math.random = random;
	}
}

/** Acquires a slot of the gate; returns what happened to the promise by the next macrotask. */
async function settled(promise: Promise<unknown>) {
	let state = 'waiting';
	promise.then(
		() => (state = 'got a slot'),
		(error: Error) => (state = `rejected: ${error?.message}`),
	);
	await new Promise((resolve) => setImmediate(resolve));
	return state;
}

/** A client whose list and single GET answers are scripted; requests are written down. */
function listingClient(list: (ids: readonly string[]) => NormalizedTask[] | Error, withList = true) {
	const requests: string[] = [];
	const client = {
		get: async (id: string) => {
			requests.push(`get ${id}`);
			return seen(id, 'running');
		},
		...(withList
			? {
					getMany: async (ids: readonly string[]) => {
						requests.push(`list ${ids.join(',')}`);
						const answer = list(ids);
						if (answer instanceof Error) throw answer;
						return answer;
					},
				}
			: {}),
	};
	return { client: client as unknown as ProviderClient, requests };
}

const PLAN: CallbackPlan = {
	v: 1,
	items: [{ taskId: 'cgt-1', submittedAt: 5, timeoutAt: 600005, onTimeout: 'error', includeRaw: false, download: { video: true, videoProperty: 'data', lastFrame: false, lastFrameProperty: 'lastFrame' } }],
};
const PLAN_READ = JSON.parse(JSON.stringify(PLAN)) as CallbackPlan;

export const CASES: Case[] = [
	// The schedule (policy.ts)
	{ name: 'limits at full scale for a model of a minute or more', run: () => [scaledLimits([60, 180]), scaledLimits([120, 300])], expected: [{ minMs: 2000, maxMs: 12000, minPredictedMs: 1000, maxPredictedMs: 60000, errorBaseMs: 2000, errorMaxMs: 60000 }, { minMs: 2000, maxMs: 12000, minPredictedMs: 1000, maxPredictedMs: 60000, errorBaseMs: 2000, errorMaxMs: 60000 }] },
	{ name: 'limits shrink in proportion for a 6-second model', run: () => scaledLimits([6, 20]), expected: { minMs: 200, maxMs: 1200, minPredictedMs: 100, maxPredictedMs: 6000, errorBaseMs: 200, errorMaxMs: 60000 } },
	{ name: 'limits for a model said to take 0 seconds', run: () => scaledLimits([0, 1]).maxMs * 60_000, expected: 12000 },
	{ name: 'the first look comes at 75% of the shortest typical time', run: () => [delay([60, 180], 0), delay([60, 180], 10_000), delay([60, 180], 44_999)], expected: [45000, 35000, 1] },
	{ name: 'then every 8% of the time elapsed, between 2 and 12 seconds', run: () => [delay([60, 180], 45_000), delay([60, 180], 100_000), delay([60, 180], 200_000), delay([20, 60], 15_000)], expected: [3600, 8000, 12000, 1200] },
	{ name: 'the floor of 2 s scaled to a short model', run: () => delay([6, 20], 4_500), expected: 360 },
	{ name: 'after failed looks: 2, 4, 8 s … at most 60 s', run: () => [1, 2, 3, 6, 7].map((errorsInARow) => delay([60, 180], 50_000, { errorsInARow })), expected: [2000, 4000, 8000, 60000, 60000] },
	{ name: 'never sooner than Retry-After', run: () => [delay([60, 180], 50_000, { errorsInARow: 1, retryAfterMs: 5000 }), delay([60, 180], 50_000, { errorsInARow: 2, retryAfterMs: 1000 })], expected: [5000, 4000] },
	{ name: 'Retry-After alone, with no failed look, changes nothing', run: () => delay([60, 180], 50_000, { retryAfterMs: 30_000 }), expected: 4000 },
	{ name: 'the end predicted from two progress readings', run: () => predictedEndMs([running(10_000, 20), running(20_000, 40)]), expected: 50000 },
	{ name: 'no prediction from one reading, a stall, a finish or a queued task', run: () => [predictedEndMs([running(20_000, 40)]), predictedEndMs([running(10_000, 40), running(20_000, 40)]), predictedEndMs([running(10_000, 50), running(20_000, 100)]), predictedEndMs([running(10_000, 20, 'queued'), running(20_000, 40)]), predictedEndMs([running(5_000, 0), running(15_000, 50)]), predictedEndMs([running(5_000, 20), running(15_000, null)])], expected: ['__undefined', '__undefined', '__undefined', '__undefined', '__undefined', '__undefined'].map(() => undefined) },
	{ name: 'the last two readings predict, not the first', run: () => predictedEndMs([running(5_000, 10), running(10_000, 20), running(20_000, 60)]), expected: 30000 },
	{ name: 'a look just after the predicted end', run: () => [delay([60, 180], 20_000, { observations: [running(10_000, 20), running(20_000, 40)] }), delay([60, 180], 110_000, { observations: [running(100_000, 80), running(110_000, 90)] })], expected: [30500, 11100] },
	{ name: 'a predicted look within 1–60 s', run: () => [delay([60, 180], 49_900, { observations: [running(10_000, 20), running(20_000, 40)] }), delay([60, 180], 200_000, { observations: [running(100_000, 10), running(200_000, 20)] })], expected: [1000, 60000] },
	{ name: 'a stalled progress falls back to the schedule', run: () => delay([60, 180], 20_000, { observations: [running(10_000, 40), running(20_000, 40)] }), expected: 25000 },
	// The tasks-in-flight gate (gate.ts)
	{
		name: 'a waiting create whose execution is cancelled leaves the queue; the next one gets the slot',
		run: async () => {
			const gate = new TaskGate({ max: 1, initial: 1 });
			await gate.acquire();
			const cancel = new AbortController();
			const second = gate.acquire(cancel.signal);
			const third = gate.acquire();
			cancel.abort(new Error('cancelled by the user'));
			const secondState = await settled(second);
			gate.release(true);
			return [secondState, await settled(third)];
		},
		expected: ['rejected: cancelled by the user', 'got a slot'],
	},
	{
		name: 'a cancelled create behind another leaves the queue too',
		run: async () => {
			const gate = new TaskGate({ max: 1, initial: 1 });
			await gate.acquire();
			const cancel = new AbortController();
			const second = gate.acquire();
			const third = gate.acquire(cancel.signal);
			const fourth = gate.acquire();
			cancel.abort(new Error('stop'));
			const thirdState = await settled(third);
			gate.release(true);
			const secondState = await settled(second);
			gate.release(true);
			return [thirdState, secondState, await settled(fourth)];
		},
		expected: ['rejected: stop', 'got a slot', 'got a slot'],
	},
	{
		name: 'a retry goes ahead of creates not tried yet, behind earlier retries',
		run: async () => {
			const gate = new TaskGate({ max: 1, initial: 1 });
			await gate.acquire();
			const order: string[] = [];
			const waiting = [['new 1', false], ['new 2', false], ['retry 1', true], ['retry 2', true]].map(async ([name, first]) => {
				await gate.acquire(undefined, first as boolean);
				order.push(name as string);
			});
			for (let i = 0; i < 4; i++) {
				gate.release(false);
				await new Promise((resolve) => setImmediate(resolve));
			}
			await Promise.all(waiting);
			return order;
		},
		expected: ['retry 1', 'retry 2', 'new 1', 'new 2'],
	},
	{
		name: 'the gate starts at 4 open creates, at least 1, at most Max Tasks at Once',
		run: () => [new TaskGate({ max: 10 }).current, new TaskGate({ max: 2 }).current, new TaskGate({ max: 0, initial: 0 }).current, new TaskGate({ max: 10, initial: 6 }).current],
		expected: [4, 2, 1, 6],
	},
	{
		name: 'a 429 before any accepted create keeps one slot; the gate notes its lowest and highest limits',
		run: () => {
			const gate = new TaskGate({ max: 8, initial: 3 });
			gate.createAccepted();
			gate.createAccepted();
			gate.release(true);
			gate.release(true);
			gate.createRefused();
			return { current: gate.current, stats: gate.stats };
		},
		expected: { current: 1, stats: { refused: 1, lowestLimit: 1, highestLimit: 5 } },
	},
	{
		name: 'after a 429 with no task accepted, one more is probed after 4 accepted creates',
		run: () => {
			const gate = new TaskGate({ max: 8, initial: 3 });
			gate.createRefused();
			const seenLimits = [gate.current];
			for (let i = 0; i < 4; i++) {
				gate.createAccepted();
				gate.release(true);
				seenLimits.push(gate.current);
			}
			return seenLimits;
		},
		expected: [1, 1, 1, 1, 2],
	},
	// The callback URL (callback.ts)
	{
		name: 'a per-task callback needs no registration: every webhook lifecycle call succeeds',
		run: async () => [await PER_TASK_CALLBACK_METHODS.default.checkExists(), await PER_TASK_CALLBACK_METHODS.default.create(), await PER_TASK_CALLBACK_METHODS.default.delete()],
		expected: [true, true, true],
	},
	{
		name: 'only URLs a provider on the internet can reach are public',
		run: () =>
			['https://n8n.example.com/webhook-waiting/7', 'http://10.0.0.5:5678/x', '', undefined, 42, 'not a url', 'http://localhost:5678/x', 'http://LOCALHOST/x', 'http://n8n.localhost/x', 'http://127.0.0.1/x', 'http://127.1.2.3/x', 'http://[::1]:5678/x', 'http://0.0.0.0/x', 'file:///tmp/x'].map(
				(url) => isPublicUrl(url),
			),
		expected: [true, true, false, false, false, false, false, false, false, false, false, false, false, false],
	},
	{
		name: 'an object that prints as a URL is not a URL',
		run: () => [isPublicUrl({ toString: () => 'https://n8n.example.com/x' }), isPublicUrl('http://10.127.0.1/x')],
		expected: [false, true],
	},
	{
		name: 'the plan is kept in the node context and read back by the resuming webhook',
		run: () => {
			const nodeContext: Record<string, unknown> = {};
			savePlan({ getContext: (type: string) => (type === 'node' ? nodeContext : {}) } as unknown as IExecuteFunctions, PLAN);
			const webhook = (runExecutionData: unknown) => ({ runExecutionData, getNode: () => ({ name: 'Make Videos' }) }) as unknown as IWebhookFunctions;
			return {
				saved: Object.keys(nodeContext),
				read: loadPlan(webhook({ executionData: { contextData: { 'node:Make Videos': nodeContext } } })),
				otherNode: loadPlan(webhook({ executionData: { contextData: { 'node:Other': nodeContext } } })) ?? 'none',
				noContext: loadPlan(webhook({ executionData: {} })) ?? 'none',
				noExecutionData: loadPlan(webhook({})) ?? 'none',
				noRunData: loadPlan(webhook(undefined)) ?? 'none',
				notOurs: loadPlan(webhook({ executionData: { contextData: { 'node:Make Videos': { seedanceCallbackWait: { v: 2, items: [] } } } } })) ?? 'none',
			};
		},
		expected: { saved: ['seedanceCallbackWait'], read: PLAN_READ, otherNode: 'none', noContext: 'none', noExecutionData: 'none', noRunData: 'none', notOurs: 'none' },
	},
	{ name: 'the callback URL is the resume URL plus the webhook path', run: () => [CALLBACK_PATH, callbackUrlOf('https://n8n.example.com/webhook-waiting/7')], expected: ['seedance-callback', 'https://n8n.example.com/webhook-waiting/7/seedance-callback'] },
	// Waiting for one task (runner.ts)
	{
		name: 'a task finished at create is not looked at',
		run: async () => await waitWith([], {}, seen('cgt-1', 'succeeded')),
		expected: { result: { value: { status: 'succeeded', timedOut: false, polls: 0, waitedMs: 0 } }, sleeps: [], calls: [] },
	},
	{
		name: 'a task followed to its end on the schedule, then no longer watched',
		run: async () => await waitWith(['queued', 'running', 'running', 'succeeded']),
		expected: { result: { value: { status: 'succeeded', timedOut: false, polls: 4, waitedMs: 56687 } }, sleeps: [45000, 3600, 3888, 4199], calls: ['watch cgt-1', 'look cgt-1 fresh 0', 'look cgt-1 fresh 45000', 'look cgt-1 fresh 48600', 'look cgt-1 fresh 52488', 'unwatch cgt-1'] },
	},
	{
		name: 'a failed task is finished too',
		run: async () => (await waitWith(['failed'])).result,
		expected: { value: { status: 'failed', timedOut: false, polls: 1, waitedMs: 45000 } },
	},
	{
		name: 'a task still running at the timeout: the last status, timed out',
		run: async () => await waitWith(['queued', 'running', 'running', 'running'], { timeoutMs: 50_000 }),
		expected: { result: { value: { status: 'running', timedOut: true, polls: 3, waitedMs: 50000 } }, sleeps: [45000, 3600, 1400], calls: ['watch cgt-1', 'look cgt-1 fresh 0', 'look cgt-1 fresh 45000', 'look cgt-1 fresh 48600', 'unwatch cgt-1'] },
	},
	{
		name: 'failed looks back off and then the task is seen again',
		run: async () => await waitWith([httpError(503), httpError(503), 'succeeded']),
		expected: { result: { value: { status: 'succeeded', timedOut: false, polls: 3, waitedMs: 51000 } }, sleeps: [45000, 2000, 4000], calls: ['watch cgt-1', 'look cgt-1 fresh 0', 'look cgt-1 fresh 47000', 'look cgt-1 fresh 51000', 'unwatch cgt-1'] },
	},
	{
		name: 'a failed look waits Retry-After',
		run: async () => (await waitWith([httpError(429, 9000), 'succeeded'])).sleeps,
		expected: [45000, 9000],
	},
	{
		name: 'too many failed looks in a row: the item fails, saying the task may still finish',
		run: async () => (await waitWith([httpError(503), httpError(502), httpError(500), 'succeeded'])).result,
		expected: {
			error: 'ProviderError',
			message: 'HTTP 500 (3 looks in a row failed; task cgt-1 may still finish)',
			description: 'The provider said no. Use the Get operation with task ID cgt-1 later.',
		},
	},
	{
		name: 'a look that fails for good (404) fails the item at once',
		run: async () => {
			const { result, calls } = await waitWith([httpError(404), 'succeeded']);
			return { result, calls };
		},
		expected: { result: { error: 'ProviderError', message: 'HTTP 404', description: 'The provider said no.' }, calls: ['watch cgt-1', 'look cgt-1 fresh 0', 'unwatch cgt-1'] },
	},
	{
		name: 'a wait for a cancelled execution stops before looking',
		run: async () => {
			const { clock } = virtualClock();
			const { looker, calls } = scriptedLooker(clock, ['succeeded']);
			const cancel = new AbortController();
			cancel.abort();
			const result = await outcome(async () => await waitForTask(looker, seen('cgt-1', 'queued'), SETTINGS, clock, cancel.signal));
			return { error: (result as { error?: string }).error, calls };
		},
		expected: { error: 'ExecutionCancelledError', calls: ['watch cgt-1', 'unwatch cgt-1'] },
	},
	// Submitting (runner.ts)
	{ name: 'a create accepted at once', run: async () => await submitWith([seen('cgt-1', 'queued')]), expected: { result: { value: 'cgt-1' }, sends: 1, sleeps: [], gate: ['acquire', 'accepted'] } },
	{
		name: 'a 429 gives the slot back, waits Retry-After with jitter, and retries ahead of new creates',
		run: async () => await submitWith([httpError(429, 2000), seen('cgt-2', 'queued')]),
		expected: { result: { value: 'cgt-2' }, sends: 2, sleeps: [2500], gate: ['acquire', 'refused', 'acquire first', 'accepted'] },
	},
	{
		name: 'a 429 without Retry-After backs off 2, 4, 8 s (with jitter)',
		run: async () => (await submitWith([httpError(429), httpError(429), httpError(429), seen('cgt-4', 'queued')])).sleeps,
		expected: [2500, 5000, 10000],
	},
	{
		name: 'a 429 whose wait would pass the timeout fails the item',
		run: async () => await submitWith([httpError(429, 10_000)], { timeoutMs: 12_000 }),
		expected: { result: { error: 'ProviderError', message: 'HTTP 429', description: 'The provider said no.' }, sends: 1, sleeps: [], gate: ['acquire', 'refused'] },
	},
	{
		name: 'a refused connection is tried three times',
		run: async () => await submitWith([networkError(false), networkError(false), networkError(false), seen('cgt-4', 'queued')]),
		expected: { result: { error: 'ProviderError', message: 'Connection refused', description: 'No answer.' }, sends: 3, sleeps: [2500, 5000], gate: ['acquire', 'release false', 'acquire first', 'release false', 'acquire first', 'release false'] },
	},
	{
		name: 'a reset connection may have created a task: never sent again',
		run: async () => await submitWith([networkError(true), seen('cgt-2', 'queued')]),
		expected: {
			result: {
				error: 'AmbiguousCreateError',
				message: 'Connection reset. The task may have been created anyway',
				description: "No answer. The request was not sent again, so that the video is not paid for twice. Look for the task in the provider's console (or with the List operation) before running this item again.",
			},
			sends: 1,
			sleeps: [],
			gate: ['acquire', 'release false'],
		},
	},
	{
		name: 'a server error at create may have created a task: never sent again',
		run: async () => ((await submitWith([httpError(500), seen('cgt-2', 'queued')])).result as { error: string }).error,
		expected: 'AmbiguousCreateError',
	},
	{
		name: 'a refused request (400) is not sent again',
		run: async () => await submitWith([httpError(400), seen('cgt-2', 'queued')], {}, false),
		expected: { result: { error: 'ProviderError', message: 'HTTP 400', description: 'The provider said no.' }, sends: 1, sleeps: [], gate: [] },
	},
	{
		name: 'a bug in the request is not retried',
		run: async () => await submitWith([new TypeError('boom'), seen('cgt-2', 'queued')]),
		expected: { result: { error: 'TypeError', message: 'boom' }, sends: 1, sleeps: [], gate: ['acquire', 'release false'] },
	},
	// Items at once (runner.ts)
	{
		name: 'items run at most N at once and come back in item order',
		run: async () => {
			let now = 0;
			let most = 0;
			const results = await forEachLimited(['a', 'b', 'c', 'd', 'e'], 2, async (item, index) => {
				now += 1;
				most = Math.max(most, now);
				await new Promise((resolve) => setImmediate(resolve));
				now -= 1;
				return `${item}${index}`;
			});
			return { results, most };
		},
		expected: { results: ['a0', 'b1', 'c2', 'd3', 'e4'], most: 2 },
	},
	{ name: 'a limit of 0 still runs the items, one at a time', run: async () => await forEachLimited([1, 2], 0, async (n) => n * 10), expected: [10, 20] },
	{ name: 'no items, no work', run: async () => await forEachLimited([], 3, async () => 1), expected: [] },
	// One list for all the tasks in flight (looker.ts)
	{
		name: 'one list serves every watched task; a finished one is woken',
		run: async () => {
			const { clock } = virtualClock();
			const { client, requests } = listingClient((ids) => ids.map((id) => seen(id, id === 'b' ? 'succeeded' : 'running')));
			const looker = new TaskLooker(client, clock);
			const woken: string[] = [];
			for (const id of ['a', 'b', 'c']) looker.watch(id);
			looker.onSeenFinished('b', () => woken.push('b'));
			looker.onSeenFinished('c', () => woken.push('c'));
			const a = await looker.look('a', clock.now());
			const b = await looker.look('b', clock.now());
			return { statuses: [a.task.status, b.task.status], requests, woken, stats: looker.stats };
		},
		expected: { statuses: ['running', 'succeeded'], requests: ['list a,b,c'], woken: ['b'], stats: { listRequests: 1, singleRequests: 0, rideAlongs: 1 } },
	},
	{
		name: 'a look older than asked for makes a new list; a task missing from it is asked for alone',
		run: async () => {
			const { clock, advance } = virtualClock();
			const { client, requests } = listingClient((ids) => ids.filter((id) => id !== 'b').map((id) => seen(id, 'running')));
			const looker = new TaskLooker(client, clock);
			looker.watch('a');
			looker.watch('b');
			await looker.look('a', clock.now());
			advance(5000);
			await looker.look('a', clock.now());
			const b = await looker.look('b', clock.now());
			looker.unwatch('a');
			await looker.look('b', clock.now() + 1);
			return { b: b.task.status, requests, stats: looker.stats };
		},
		expected: { b: 'running', requests: ['list a,b', 'list a,b', 'list a,b', 'get b', 'list b', 'get b'], stats: { listRequests: 4, singleRequests: 2, rideAlongs: 0 } },
	},
	{
		name: 'a list refused for good is not asked again: single GETs from then on',
		run: async () => {
			const { clock } = virtualClock();
			const { client, requests } = listingClient(() => httpError(404));
			const looker = new TaskLooker(client, clock);
			looker.watch('a');
			await looker.look('a', clock.now());
			await looker.look('a', clock.now());
			return requests;
		},
		expected: ['list a', 'get a', 'get a'],
	},
	{
		name: 'a list that fails for now fails this look; the next look lists again',
		run: async () => {
			const { clock } = virtualClock();
			let fail = true;
			const { client, requests } = listingClient((ids) => (fail ? httpError(503) : ids.map((id) => seen(id, 'running'))));
			const looker = new TaskLooker(client, clock);
			looker.watch('a');
			const first = await outcome(async () => await looker.look('a', clock.now()));
			fail = false;
			const second = await looker.look('a', clock.now());
			return { first, second: second.task.status, requests };
		},
		expected: { first: { error: 'ProviderError', message: 'HTTP 503', description: 'The provider said no.' }, second: 'running', requests: ['list a', 'list a'] },
	},
	{
		name: 'without a list, every look is a GET',
		run: async () => {
			const { clock } = virtualClock();
			const { client, requests } = listingClient(() => [], false);
			const looker = new TaskLooker(client, clock);
			looker.watch('a');
			const look = await looker.look('a', clock.now());
			return { requests, atMs: look.atMs - 1_000_000, stats: looker.stats };
		},
		expected: { requests: ['get a'], atMs: 0, stats: { listRequests: 0, singleRequests: 1, rideAlongs: 0 } },
	},
];
