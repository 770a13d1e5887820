// The image header reader: format by magic bytes and size from the header, for every format
// the providers take, and the rules' refusals.

import { imageProblem, readImageHeader } from '../nodes/Seedance/request/imageHeader';
import { HTML_PAGE, bmp, gif, jpeg, png, tiff, webp } from './harness/images';

describe('readImageHeader', () => {
	test.each([
		['PNG', png(1280, 720), 'png', 1280, 720],
		['JPEG', jpeg(800, 1200), 'jpeg', 800, 1200],
		['GIF', gif(640, 480), 'gif', 640, 480],
		['WebP lossy', webp('VP8 ', 1024, 768), 'webp', 1024, 768],
		['WebP lossless', webp('VP8L', 5000, 3000), 'webp', 5000, 3000],
		['WebP extended', webp('VP8X', 6000, 2400), 'webp', 6000, 2400],
		['BMP (top-down)', bmp(1920, 1080), 'bmp', 1920, 1080],
		['TIFF little-endian', tiff(3000, 2000, 'II'), 'tiff', 3000, 2000],
		['TIFF big-endian', tiff(700, 900, 'MM'), 'tiff', 700, 900],
	])('%s', (_, bytes, format, width, height) => {
		expect(readImageHeader(bytes)).toMatchObject({ format, width, height });
	});

	test('a JPEG whose frame header comes after other segments', () => {
		expect(readImageHeader(jpeg(4000, 3000))?.mimeType).toBe('image/jpeg');
	});

	test('not an image: HTML, PDF, empty', () => {
		expect(readImageHeader(HTML_PAGE)).toBeUndefined();
		expect(readImageHeader(Buffer.from('%PDF-1.7\n'))).toBeUndefined();
		expect(readImageHeader(Buffer.alloc(0))).toBeUndefined();
	});

	test('a truncated header has a format but no size', () => {
		expect(readImageHeader(png(1000, 1000).subarray(0, 12))).toEqual({ format: 'png', mimeType: 'image/png' });
	});
});

describe('imageProblem', () => {
	test('a good image passes', () => expect(imageProblem(png(1280, 720))).toBeUndefined());
	test.each([
		['an HTML page named .png', HTML_PAGE, /not a JPEG, PNG, WebP, BMP, TIFF or GIF/],
		['a 7000 px side', png(7000, 4000), /7000×4000 px; each side must be 300–6000 px/],
		['a 200 px side', jpeg(200, 300), /each side must be 300–6000 px/],
		['a 3:1 ratio', png(3000, 1000), /aspect ratio 3.00/],
		['a 1:3 ratio', png(1000, 3000), /aspect ratio 0.33/],
		['31 MB', png(1280, 720, 31 * 1024 * 1024), /31.0 MB; images may be at most 30 MB/],
		['cut short', png(1000, 1000).subarray(0, 12), /size cannot be read/],
	])('refuses %s', (_, bytes, message) => {
		expect(imageProblem(bytes)).toMatch(message);
	});
	test('the limits themselves pass: 300 and 6000 px, ratio 0.4 and 2.5', () => {
		expect(imageProblem(png(300, 750))).toBeUndefined();
		expect(imageProblem(png(6000, 2400))).toBeUndefined();
	});
});
