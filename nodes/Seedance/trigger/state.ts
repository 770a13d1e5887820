// What the trigger remembers between polls, in node static data: the newest provider time it has
// read up to (the watermark), the tasks it has handled near it (as short hashes), the unfinished
// tasks it still watches by ID, and where an unfinished scan continues. Forgetting follows the
// provider's task times, never the host clock, and every part is read on its own, so a damaged
// part costs only what it held.

import { z } from 'zod';
import type { IDataObject } from 'n8n-workflow';

export const STATE_VERSION = 2;
const HASH_LENGTH = 10;
/** Creates commit out of order: tasks this much older than the watermark are still checked one by one. */
export const SLACK_SECONDS = 120;
/** Handled tasks this far below the watermark are forgotten: no scan reads below it again. */
const KEEP_SECONDS = 3600;
const BUCKET_SECONDS = 600;
/** The most unfinished tasks watched at once (the newest are kept). */
const MAX_WATCHED = 5000;
/** Bucket of the "These Task IDs" source, whose memory is the listed IDs, not a time window. */
export const ID_BUCKET = 'ids';

/** Where an interrupted scan continues, and the provider time below which it can stop. */
const pendingSchema = z.object({ cursor: z.string().optional(), floor: z.number() });
export type PendingScan = z.infer<typeof pendingSchema>;

/** A watched task: its provider creation time in seconds (0 if unknown) and failed attempts so far. */
const watchedSchema = z.tuple([z.number(), z.number().int().min(0)]);

export interface TriggerState extends IDataObject {
	v: number;
	/** Whether the first full scan (which records what already exists) has completed. */
	primed: boolean;
	/** Provider creation time (s) of the newest task read; a head scan stops below it. */
	watermark?: number;
	/** Handled task IDs: time bucket (or "ids") → concatenated fixed-length hashes. */
	seen: Record<string, string>;
	/** Unfinished or retried tasks: ID → [created s, attempts]. */
	watch: Record<string, [number, number]>;
	scan?: PendingScan;
}

/** A short, stable hash of a task ID (53+ bits: no collision in practice among 100,000 IDs). */
export function hashId(id: string): string {
	let h1 = 0xdeadbeef;
	let h2 = 0x41c6ce57;
	for (let i = 0; i < id.length; i++) {
		const c = id.charCodeAt(i);
		h1 = Math.imul(h1 ^ c, 2654435761);
		h2 = Math.imul(h2 ^ c, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
	let out = '';
	for (let k = 0; k < 5; k++) out += alphabet[(h1 >>> (k * 6)) & 63] + alphabet[(h2 >>> (k * 6)) & 63];
	return out;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The stored state, each part checked on its own: a part that is not what this code wrote is
 * dropped, and losing the record of handled tasks makes the next scan record again without emitting.
 */
export function readState(staticData: IDataObject): TriggerState {
	const raw = staticData.seedance;
	const fresh: TriggerState = { v: STATE_VERSION, primed: false, seen: {}, watch: {} };
	// Another layout (an older version) cannot be trusted: start over, as on activation.
	if (!isRecord(raw) || raw.v !== STATE_VERSION) return fresh;
	const seenReadable = isRecord(raw.seen);
	const seen: Record<string, string> = {};
	if (seenReadable) {
		for (const [bucket, hashes] of Object.entries(raw.seen as Record<string, unknown>)) {
			if (typeof hashes === 'string' && hashes.length % HASH_LENGTH === 0) seen[bucket] = hashes;
		}
	}
	const watch: Record<string, [number, number]> = {};
	if (isRecord(raw.watch)) {
		for (const [id, entry] of Object.entries(raw.watch)) {
			const parsed = watchedSchema.safeParse(entry);
			if (parsed.success) watch[id] = parsed.data;
		}
	}
	const watermark = Number.isFinite(raw.watermark) ? (raw.watermark as number) : undefined;
	const scan = pendingSchema.safeParse(raw.scan);
	return {
		v: STATE_VERSION,
		primed: raw.primed === true && seenReadable,
		...(watermark !== undefined ? { watermark } : {}),
		seen,
		watch,
		...(scan.success ? { scan: scan.data } : {}),
	};
}

/** Seconds of a task's ISO creation time, or undefined. */
export function createdSeconds(iso: string | null): number | undefined {
	// Stryker disable next-line StringLiteral: any text that is no date reads as no time
	const ms = Date.parse(iso ?? '');
	return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

/** The state of one poll, changed in memory and written once at the end. */
export class TriggerMemory {
	private readonly hashes = new Set<string>();
	private readonly added = new Map<string, string[]>();
	readonly watch: Map<string, [number, number]>;
	watermark?: number;
	scan?: PendingScan;
	primed: boolean;

	constructor(state: TriggerState) {
		for (const bucket of Object.values(state.seen)) {
			for (let i = 0; i + HASH_LENGTH <= bucket.length; i += HASH_LENGTH) this.hashes.add(bucket.slice(i, i + HASH_LENGTH));
		}
		this.seenBuckets = state.seen;
		this.watch = new Map(Object.entries(state.watch));
		this.watermark = state.watermark;
		this.scan = state.scan;
		this.primed = state.primed;
	}

	private readonly seenBuckets: Record<string, string>;

	get seenCount(): number {
		return this.hashes.size;
	}

	has(id: string): boolean {
		return this.hashes.has(hashId(id));
	}

	/** Records a handled task in the bucket of its creation time (or the ID source's bucket). */
	markSeen(id: string, bucket: string) {
		this.watch.delete(id);
		const hash = hashId(id);
		if (this.hashes.has(hash)) return;
		this.hashes.add(hash);
		const list = this.added.get(bucket) ?? [];
		list.push(hash);
		this.added.set(bucket, list);
	}

	/** Starts or keeps watching a task; a watched task checked again moves to the end (round robin). */
	keepWatching(id: string, created: number, attempts: number) {
		this.watch.delete(id);
		this.watch.set(id, [created, attempts]);
	}

	/** The state to store: old buckets below the watermark dropped, the watch list bounded. */
	toState(keepIds?: ReadonlySet<string>): TriggerState {
		const merged: Record<string, string> = { ...this.seenBuckets };
		for (const [bucket, hashes] of this.added) merged[bucket] = (merged[bucket] ?? '') + hashes.join('');
		const seen: Record<string, string> = {};
		const floor = Math.min(this.watermark ?? -Infinity, this.scan?.floor ?? Infinity) - KEEP_SECONDS;
		for (const [bucket, hashes] of Object.entries(merged)) {
			if (bucket === ID_BUCKET) {
				// The ID source remembers exactly the listed IDs it has handled.
				const kept: string[] = [];
				// Stryker disable next-line ArrayDeclaration: a set holding one ID no task has keeps the same IDs as an empty one
				const listed = new Set([...(keepIds ?? [])].map(hashId));
				// Stryker disable next-line EqualityOperator: one step past the end reads an empty hash, which no ID has
				for (let i = 0; i < hashes.length; i += HASH_LENGTH) if (listed.has(hashes.slice(i, i + HASH_LENGTH))) kept.push(hashes.slice(i, i + HASH_LENGTH));
				if (kept.length) seen[bucket] = kept.join('');
			} else if (!(Number(bucket) * BUCKET_SECONDS + BUCKET_SECONDS < floor)) {
				seen[bucket] = hashes;
			}
		}
		let watched = [...this.watch.entries()];
		if (keepIds) watched = watched.filter(([id]) => keepIds.has(id));
		if (watched.length > MAX_WATCHED) watched = [...watched].sort((a, b) => b[1][0] - a[1][0]).slice(0, MAX_WATCHED);
		return {
			v: STATE_VERSION,
			primed: this.primed,
			...(this.watermark !== undefined ? { watermark: this.watermark } : {}),
			seen,
			watch: Object.fromEntries(watched),
			...(this.scan ? { scan: this.scan } : {}),
		};
	}
}

/** The seen bucket of a task created at this provider time (seconds), or of the watermark if unknown. */
export function bucketOf(created: number | undefined, watermark: number | undefined): string {
	const at = created ?? watermark ?? 0;
	return String(Math.floor(at / BUCKET_SECONDS));
}

/** Replaces the stored state in place (static data is watched for changes by n8n). */
export function writeState(staticData: IDataObject, state: TriggerState) {
	staticData.seedance = state;
}
