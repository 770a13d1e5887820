// What the trigger remembers between polls, in node static data: which tasks it has emitted and
// where an unfinished scan stopped. Emitted IDs are kept as short hashes grouped by day, so the
// state stays small (about 12 bytes a task) and entries age out after the providers' retention.

import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

/** Ark keeps tasks 7 days (GlobalAiOpc 1 day): an ID older than that is never listed again. */
export const RETENTION_DAYS = 8;
const HASH_LENGTH = 12;
const DAY_MS = 24 * 3600 * 1000;

export interface TriggerState extends IDataObject {
	/** Version of this layout. */
	v: number;
	/** Whether the first full scan (which records what already exists) has completed. */
	primed: boolean;
	/** Where the current scan continues (provider cursor), or absent to start from the newest. */
	cursor?: string;
	/** Emitted task IDs: day number → concatenated fixed-length hashes. */
	seen: Record<string, string>;
}

export function hashId(id: string): string {
	return createHash('sha256').update(id).digest('base64url').slice(0, HASH_LENGTH);
}

/** The state stored in static data, created (unprimed) on first use. */
export function readState(staticData: IDataObject): TriggerState {
	const current = staticData.seedance as TriggerState | undefined;
	if (current && current.v === 1) return current;
	return { v: 1, primed: false, seen: {} };
}

export class SeenSet {
	private readonly hashes = new Set<string>();

	constructor(private readonly state: TriggerState) {
		for (const bucket of Object.values(state.seen)) {
			for (let i = 0; i + HASH_LENGTH <= bucket.length; i += HASH_LENGTH) this.hashes.add(bucket.slice(i, i + HASH_LENGTH));
		}
	}

	has(id: string): boolean {
		return this.hashes.has(hashId(id));
	}

	/** A copy of the state with these IDs added and expired days dropped. */
	withAdded(ids: readonly string[], now: number, changes: Partial<TriggerState> = {}): TriggerState {
		const today = Math.floor(now / DAY_MS);
		const seen: Record<string, string> = {};
		for (const [day, bucket] of Object.entries(this.state.seen)) {
			if (today - Number(day) < RETENTION_DAYS) seen[day] = bucket;
		}
		const fresh = [...new Set(ids.map(hashId))].filter((h) => !this.hashes.has(h));
		if (fresh.length) seen[today] = (seen[today] ?? '') + fresh.join('');
		return { ...this.state, ...changes, seen };
	}
}

/** Replaces the stored state in place (static data is watched for changes by n8n). */
export function writeState(staticData: IDataObject, state: TriggerState) {
	staticData.seedance = state;
}
