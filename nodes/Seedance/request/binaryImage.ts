// An image from the workflow's binary data that a multipart provider sends as a file: checked
// before any request, but its bytes read only when its create is sent, so items waiting their
// turn hold no copy of their images.

/** A checked image whose bytes are read when they are sent. */
export interface BinaryImage {
	mimeType: string;
	/** The multipart file name, e.g. first-frame.png. */
	fileName: string;
	/** Its size in bytes, as checked. */
	size: number;
	/** Reads the bytes into a Blob (held outside the JS heap, streamed by the HTTP client without another copy). */
	blob(): Promise<Blob>;
}

type ImagePath = 'firstFrameImage' | 'lastFrameImage' | 'referenceImages';

// A symbol key: not part of the request's schema or its JSON, and kept when a request is spread.
const BINARY_IMAGES = Symbol('seedance.binaryImages');

type Carrier = { [BINARY_IMAGES]?: Partial<Record<ImagePath, BinaryImage>> };

/** Records that a request field stands for an image from binary data. */
export function attachBinaryImage(request: object, path: ImagePath, image: BinaryImage): void {
	const carrier = request as Carrier;
	carrier[BINARY_IMAGES] = { ...carrier[BINARY_IMAGES], [path]: image };
}

/** The image from binary data a request field stands for, if any. */
export function binaryImageOf(request: object, path: ImagePath): BinaryImage | undefined {
	return (request as Carrier)[BINARY_IMAGES]?.[path];
}

/** Carries the images from the parameters as read to the checked request made from them. */
export function carryBinaryImages<T extends object>(from: object, to: T): T {
	const images = (from as Carrier)[BINARY_IMAGES];
	if (images) (to as Carrier)[BINARY_IMAGES] = images;
	return to;
}
