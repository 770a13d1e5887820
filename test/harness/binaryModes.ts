/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code runs in Node, never in n8n */
// n8n's binary data modes, set explicitly in n8n-core's BinaryDataService: "filesystem" (n8n 2.x's
// default) with n8n-core's own file store, and "database" (queue mode). n8n's DatabaseManager lives
// in the n8n app (it needs its TypeORM repository), so "database" here is the same Manager contract
// over an in-memory table: bytes copied in on store, handed out as a Buffer or a stream by ID, and
// the item only holds the reference "database:<id>", exactly as in n8n.

import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';

export type BinaryMode = 'filesystem' | 'database';

const storage = mkdtempSync(path.join(tmpdir(), 'seedance-binary-'));
process.env.N8N_USER_FOLDER ??= storage;
process.env.N8N_ENCRYPTION_KEY ??= 'seedance-test';
process.env.N8N_BINARY_DATA_STORAGE_PATH ??= path.join(storage, 'binary');

// The DI container n8n-core registers its services in (it brings its own copy of @n8n/di).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Container } = require(require.resolve('@n8n/di', { paths: [path.dirname(require.resolve('n8n-core'))] })) as { Container: { get<T>(type: new (...args: never[]) => T): T } };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const core = require('n8n-core') as typeof import('n8n-core');

interface Metadata { fileName?: string; mimeType?: string; fileSize: number }

const copyOf = (bytes: Buffer) => {
	const copy = Buffer.alloc(bytes.length);
	bytes.copy(copy as unknown as Uint8Array);
	return copy;
};

/** n8n's database manager's contract, over a Map instead of the binary_data table. */
class TableManager {
	readonly rows = new Map<string, { data: Buffer; metadata: Metadata }>();
	constructor(private readonly maxFileSizeMb: number) {}
	async init() {}
	async store(_location: unknown, bufferOrStream: Buffer | Readable, metadata: { fileName?: string; mimeType?: string }) {
		const data = Buffer.isBuffer(bufferOrStream) ? copyOf(bufferOrStream) : Buffer.concat(await bufferOrStream.toArray());
		if (data.length > this.maxFileSizeMb * 1024 * 1024) throw new Error(`File exceeds the database mode limit of ${this.maxFileSizeMb} MiB`);
		const fileId = randomUUID();
		this.rows.set(fileId, { data, metadata: { ...metadata, fileSize: data.length } });
		return { fileId, fileSize: data.length };
	}
	getPath(fileId: string): string {
		throw new Error(`database mode has no file path (${fileId})`);
	}
	private row(fileId: string) {
		const row = this.rows.get(fileId);
		if (!row) throw new Error(`No binary data row ${fileId}`);
		return row;
	}
	async getAsBuffer(fileId: string) {
		return this.row(fileId).data;
	}
	async getAsStream(fileId: string) {
		return Readable.from(this.row(fileId).data);
	}
	async getMetadata(fileId: string) {
		return this.row(fileId).metadata;
	}
	async copyByFileId(_location: unknown, sourceFileId: string) {
		const fileId = randomUUID();
		this.rows.set(fileId, { ...this.row(sourceFileId) });
		return fileId;
	}
	async copyByFilePath(): Promise<never> {
		throw new Error('not used');
	}
	async rename(oldFileId: string, newFileId: string) {
		this.rows.set(newFileId, this.row(oldFileId));
		this.rows.delete(oldFileId);
	}
	async deleteManyByFileId(ids: string[]) {
		for (const id of ids) this.rows.delete(id);
	}
}

/** Switches n8n-core's binary data service to a mode, as N8N_DEFAULT_BINARY_DATA_MODE does at start. */
export async function useBinaryMode(mode: BinaryMode): Promise<{ storedIn: (id: string | undefined) => boolean }> {
	const config = Container.get(core.BinaryDataConfig);
	const service = Container.get(core.BinaryDataService);
	config.mode = mode;
	await service.init();
	const table = new TableManager(config.dbMaxFileSize);
	if (mode === 'database') service.setManager('database', table as never);
	return { storedIn: (id) => Boolean(id?.startsWith(`${mode === 'filesystem' ? 'filesystem-v2' : 'database'}:`)) };
}
