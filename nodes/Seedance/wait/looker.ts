// Looks at the tasks in flight. Where the client can list tasks by ID, one list request looks at all
// of them: the task that is due asks, the others ride along, and a rider seen finished is woken at
// once. Each task keeps its own schedule (policy.ts); the looker only decides how a look is made.
// Without `getMany`, or when a list fails for good, or for an ID missing from the list, it is one GET.

import type { ProviderClient } from '../providers/client';
import { ProviderError, attempt } from '../providers/errors';
import { FINISHED, type NormalizedTask } from '../providers/task';
import type { Clock } from './runner';

export interface Look {
	task: NormalizedTask;
	/** When the reply was asked for (clock time). */
	atMs: number;
}

export class TaskLooker {
	private readonly watched = new Map<string, { wake?: () => void }>();
	private readonly latest = new Map<string, Look>();
	private round?: { startedAt: number; done: Promise<void> };
	private listBroken = false;
	readonly stats = { listRequests: 0, singleRequests: 0, rideAlongs: 0 };

	constructor(
		private readonly client: ProviderClient,
		private readonly clock: Clock,
	) {}

	watch(id: string) {
		this.watched.set(id, {});
	}

	unwatch(id: string) {
		this.watched.delete(id);
		this.latest.delete(id);
	}

	/** `wake` is called when a look made for another task shows this one finished. */
	onSeenFinished(id: string, wake: (() => void) | undefined) {
		const entry = this.watched.get(id);
		if (entry) entry.wake = wake;
	}

	/** The task as seen no earlier than `freshSince`: from a list that just ran, a new list, or a GET. */
	async look(id: string, freshSince: number): Promise<Look> {
		if (!this.client.getMany || this.listBroken) return await this.single(id);
		const seen = this.latest.get(id);
		if (seen && seen.atMs >= freshSince) {
			this.stats.rideAlongs += 1;
			return seen;
		}
		const round = this.round && this.round.startedAt >= freshSince ? this.round : this.startRound();
		await round.done;
		const listed = this.latest.get(id);
		if (listed && listed.atMs >= round.startedAt) return listed;
		// Not in the list (the provider dropped it, or the list ignored the filter): ask for it alone.
		return await this.single(id);
	}

	private startRound() {
		const getMany = this.client.getMany;
		const startedAt = this.clock.now();
		const ids = [...this.watched.keys()];
		const done = (async () => {
			// Stryker disable next-line ConditionalExpression: a round starts only for a client that lists by ID
			if (!getMany) return;
			this.stats.listRequests += 1;
			const listed = await attempt(async () => await getMany.call(this.client, ids));
			if (!listed.ok) {
				// A list the provider refuses for good (a gateway without it) is not tried again.
				if (listed.error instanceof ProviderError && !listed.error.isTransient) this.listBroken = true;
				if (this.listBroken) return;
				throw listed.error;
			}
			for (const task of listed.value) {
				if (!this.watched.has(task.id)) continue;
				this.latest.set(task.id, { task, atMs: startedAt });
				// Stryker disable next-line OptionalChaining: the task was just found watched
				if (FINISHED.has(task.status)) this.watched.get(task.id)?.wake?.();
			}
		})();
		const round = { startedAt, done };
		this.round = round;
		void done.then(
			() => this.clearRound(round),
			() => this.clearRound(round),
		);
		return round;
	}

	private clearRound(round: { startedAt: number; done: Promise<void> }) {
		if (this.round === round) this.round = undefined;
	}

	private async single(id: string): Promise<Look> {
		const atMs = this.clock.now();
		this.stats.singleRequests += 1;
		return { task: await this.client.get(id), atMs };
	}
}
