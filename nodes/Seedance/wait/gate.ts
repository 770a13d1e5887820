// How many tasks may be in flight at once, learnt from the provider's 429s (PROVIDERS.md: Ark and
// gateways limit concurrent tasks and answer 429 beyond). It starts with a few creates open at a
// time and adds one per accepted create; a 429 lowers the limit to the tasks the provider has
// accepted, and after that the limit is raised by one only after a long calm (doubled after each
// failed probe), so a batch far larger than the provider's limit costs a handful of 429s, not one
// per item and round.

export interface GateOptions {
	/** The user's Max Tasks at Once: never more than this. */
	max: number;
	/** Creates open at the same time before the provider's limit is known. */
	initial?: number;
	/** Accepted creates, in multiples of the limit, before the first probe above a limit learnt from a 429. */
	calmFactor?: number;
}

export class TaskGate {
	private limit: number;
	/** Slots held: a create being sent, or an accepted task not finished yet. */
	private held = 0;
	/** Tasks the provider accepted that have not finished. */
	private accepted = 0;
	private learnt = false;
	private calm = 0;
	private calmNeeded = 0;
	// Stryker disable next-line BooleanLiteral: read only once a 429 was learnt, and every path there sets it first
	private probing = false;
	private readonly queue: Array<{ first: boolean; go: () => void }> = [];
	readonly stats = { refused: 0, lowestLimit: Infinity, highestLimit: 0 };

	constructor(private readonly options: GateOptions) {
		this.limit = Math.max(1, Math.min(options.max, options.initial ?? 4));
		this.note();
	}

	get current() {
		return this.limit;
	}

	/** Waits for a slot; `first` puts a retry ahead of items not yet tried. */
	async acquire(signal?: AbortSignal, first = false): Promise<void> {
		// Stryker disable next-line ConditionalExpression: a free slot never meets a waiting queue, every release and raise wakes the queue at once
		if (this.held < this.limit && this.queue.length === 0) {
			this.held += 1;
			return;
		}
		await new Promise<void>((resolve, reject) => {
			const entry = {
				first,
				go: () => {
					signal?.removeEventListener('abort', onAbort);
					resolve();
				},
			};
			const onAbort = () => {
				const at = this.queue.indexOf(entry);
				// Stryker disable next-line ConditionalExpression: an entry handed its slot has left the queue and removed this listener
				if (at >= 0) this.queue.splice(at, 1);
				// Stryker disable next-line OptionalChaining: onAbort is only ever registered on a signal
				reject(signal?.reason);
			};
			signal?.addEventListener('abort', onAbort, { once: true });
			const at = first ? this.queue.findIndex((e) => !e.first) : -1;
			if (at >= 0) this.queue.splice(at, 0, entry);
			else this.queue.push(entry);
		});
	}

	/** The provider accepted a create: the slot stays held until the task finishes. */
	createAccepted() {
		this.accepted += 1;
		this.probing = false;
		// Stryker disable next-line ConditionalExpression: before a 429 the calm needed is 0, so the branch below raises the limit as well
		if (!this.learnt) this.raise();
		else if (++this.calm >= this.calmNeeded) {
			this.calm = 0;
			this.probing = true;
			this.raise();
		}
	}

	/** The provider refused a create with 429: at most as many as it has accepted may be out. */
	createRefused() {
		this.stats.refused += 1;
		if (this.learnt && this.probing) this.calmNeeded *= 2;
		else if (!this.learnt) this.calmNeeded = (this.options.calmFactor ?? 4) * Math.max(1, this.accepted);
		this.learnt = true;
		this.probing = false;
		this.calm = 0;
		this.limit = Math.max(1, Math.min(this.limit, this.accepted));
		this.note();
		this.release(false);
	}

	/** A slot is given back: the task finished (`wasAccepted`) or its create failed. */
	release(wasAccepted: boolean) {
		this.held -= 1;
		if (wasAccepted) this.accepted -= 1;
		this.wakeWaiting();
	}

	private raise() {
		if (this.limit >= this.options.max) return;
		this.limit += 1;
		this.note();
		this.wakeWaiting();
	}

	private wakeWaiting() {
		while (this.held < this.limit && this.queue.length) {
			this.held += 1;
			// Stryker disable next-line OptionalChaining: the loop runs only while the queue holds an entry
			this.queue.shift()?.go();
		}
	}

	private note() {
		this.stats.lowestLimit = Math.min(this.stats.lowestLimit, this.limit);
		this.stats.highestLimit = Math.max(this.stats.highestLimit, this.limit);
	}
}

/** A retry delay spread over [1, 1.5] × the wait, so that refused creates do not come back together. */
export function withJitter(ms: number, random: () => number = Math.random): number {
	return ms * (1 + 0.5 * random());
}
