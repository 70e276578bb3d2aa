import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const RESOURCES = join(import.meta.dirname, '../../../resources');
const read = (name: string) => readFileSync(join(RESOURCES, name));

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe('the installer icons, generated from resources/icon.svg', () => {
  it('are up to date with icon.svg (run `npm run icons` after changing it)', () => {
    const hash = createHash('sha256').update(read('icon.svg')).digest('hex');
    expect(read('icons/source.sha256').toString().trim()).toBe(hash);
  });

  it('Linux: one PNG per size in resources/icons, named by size', () => {
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) {
      expect(pngSize(read(`icons/${size}x${size}.png`))).toEqual([size, size]);
    }
    expect(pngSize(read('icon.png'))).toEqual([1024, 1024]);
  });

  it('Windows: an .ico with 16–256 px images (256 is what NSIS and Explorer need)', () => {
    const ico = read('icon.ico');
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    const sizes = [];
    for (let index = 0; index < count; index++) {
      const entry = 6 + 16 * index;
      const width = ico[entry] || 256;
      const offset = ico.readUInt32LE(entry + 12);
      const length = ico.readUInt32LE(entry + 8);
      expect(pngSize(ico.subarray(offset, offset + length))).toEqual([width, width]);
      sizes.push(width);
    }
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });

  it('macOS: an .icns up to 1024 px (512@2x)', () => {
    const icns = read('icon.icns');
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: Record<string, number> = {};
    for (let offset = 8; offset < icns.length; ) {
      const type = icns.toString('latin1', offset, offset + 4);
      const length = icns.readUInt32BE(offset + 4);
      types[type] = pngSize(icns.subarray(offset + 8, offset + length))[0];
      offset += length;
    }
    expect(types).toEqual({ icp4: 16, icp5: 32, icp6: 64, ic07: 128, ic08: 256, ic09: 512, ic10: 1024 });
  });
});
