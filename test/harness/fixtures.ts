import { createHash } from 'node:crypto';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { ProviderId } from '../../nodes/Seedance/providers/catalog';
import { runWorkflow, seedanceWorkflow, type RunResult } from './engine';
import { assertNoKeyLeak, credentialsFor, startSimulator, type Simulator } from './simulator';

export const IMAGE_A = 'https://cdn.example.com/frames/first.png';
export const IMAGE_B = 'https://cdn.example.com/frames/last.png';
export const VIDEO_A = 'https://cdn.example.com/refs/motion.mp4';
export const AUDIO_A = 'https://cdn.example.com/refs/voice.mp3';

/** A key that looks like a real one, made at run time so no secret-shaped literal sits in the repo. */
export const API_KEY = ['sk', 'sim', 'c0ffee', Date.now().toString(36)].join('-');

export async function startTestSimulator(options: Record<string, unknown> = {}): Promise<Simulator> {
	return await startSimulator({ apiKeys: [API_KEY], taskDurationMs: 200, ...options });
}

export interface SeedanceRun extends RunResult {
	items: INodeExecutionData[];
}

/** Runs Items → Seedance on the simulator with the given provider and parameters. */
export async function runSeedance(
	sim: Simulator,
	provider: ProviderId,
	parameters: IDataObject,
	options: { items?: IDataObject[]; continueOnFail?: boolean; apiKey?: string; onStart?: (cancel: () => void) => void } = {},
): Promise<SeedanceRun> {
	const model = parameters.model;
	const params: IDataObject = {
		...parameters,
		...(typeof model === 'string' ? { model: { __rl: true, mode: 'id', value: model } } : {}),
	};
	if (params.operation === undefined || params.operation === 'createAndWait') {
		params.waitOptions = { expectedSeconds: 0.2, ...((parameters.waitOptions as IDataObject) ?? {}) };
	}
	const result = await runWorkflow(seedanceWorkflow(params, options.items, { continueOnFail: options.continueOnFail }), {
		credentials: credentialsFor(sim, provider, options.apiKey ?? API_KEY),
		onStart: options.onStart,
	});
	const items = result.output('Seedance');
	// In every test: the key the run used never appears in output items, the error, its description
	// or run data, nor in anything a redirect target or other host received.
	assertNoKeyLeak(sim, options.apiKey ?? API_KEY, [items.map((i) => i.json), result.error, result.error?.description, result.run.data.resultData]);
	return { ...result, items };
}

/** The bytes of a binary property stored inline by an uninitialised binary data service. */
export function binaryBytes(item: INodeExecutionData, property = 'data'): Buffer {
	const binary = item.binary?.[property];
	if (!binary) throw new Error(`item has no binary property ${property}`);
	return Buffer.from(binary.data, 'base64');
}

/** The video the simulator serves for every task, whole. */
export function servedVideo(sim: Simulator): Buffer {
	// Typed loosely: @types/node's Buffer and TypeScript's Uint8Array disagree on generics.
	return Buffer.concat([...sim.engine.videoChunks()] as unknown as Uint8Array[]) as unknown as Buffer;
}

/** Size and SHA-256 of some bytes: compares whole files with a readable difference. */
export function fingerprint(bytes: Buffer): { bytes: number; sha256: string } {
	return { bytes: bytes.length, sha256: createHash('sha256').update(bytes as unknown as Uint8Array).digest('hex') };
}

/** Whether bytes start like an MP4 file: a box of type `ftyp` at offset 4. */
export function isMp4(bytes: Buffer): boolean {
	return bytes.length > 12 && bytes.subarray(4, 8).toString('latin1') === 'ftyp';
}

export type { Simulator };
