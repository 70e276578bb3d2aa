// Every icon the installers need, from the one source resources/icon.svg:
//   resources/icon.png (1024), resources/icon.ico (Windows, 16–256), resources/icon.icns (macOS,
//   16–1024), resources/icons/<n>x<n>.png (Linux). Rendered by Chromium (Playwright), so no extra
//   image tool is needed. Run `npm run icons` after changing icon.svg; a unit test fails until you do.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const RESOURCES = join(import.meta.dirname, '../../resources');
const svg = readFileSync(join(RESOURCES, 'icon.svg'));
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
// icns types that hold PNG data, by pixel size.
const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
const page = await browser.newPage({ deviceScaleFactor: 1 });
const dataUrl = `data:image/svg+xml;base64,${svg.toString('base64')}`;
const pngs = new Map();
for (const size of [...new Set([...LINUX_SIZES, ...ICO_SIZES, ...ICNS_TYPES.map(([, s]) => s), 1024])]) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<html><body style="margin:0;background:transparent"><img src="${dataUrl}" width="${size}" height="${size}" style="display:block"></body></html>`,
  );
  await page.waitForFunction(() => document.images[0]?.complete);
  pngs.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
}
await browser.close();

function ico(sizes) {
  const header = Buffer.alloc(6 + 16 * sizes.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(sizes.length, 4);
  let offset = header.length;
  sizes.forEach((size, index) => {
    const png = pngs.get(size);
    const entry = 6 + 16 * index;
    header[entry] = size >= 256 ? 0 : size;
    header[entry + 1] = size >= 256 ? 0 : size;
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...sizes.map((size) => pngs.get(size))]);
}

function icns() {
  const chunks = ICNS_TYPES.map(([type, size]) => {
    const png = pngs.get(size);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + chunks.reduce((sum, chunk) => sum + chunk.length, 0), 4);
  return Buffer.concat([head, ...chunks]);
}

rmSync(join(RESOURCES, 'icons'), { recursive: true, force: true });
mkdirSync(join(RESOURCES, 'icons'));
for (const size of LINUX_SIZES) writeFileSync(join(RESOURCES, 'icons', `${size}x${size}.png`), pngs.get(size));
writeFileSync(join(RESOURCES, 'icon.png'), pngs.get(1024));
writeFileSync(join(RESOURCES, 'icon.ico'), ico(ICO_SIZES));
writeFileSync(join(RESOURCES, 'icon.icns'), icns());
// Lets the unit test notice an icon.svg change that was not followed by `npm run icons`.
writeFileSync(join(RESOURCES, 'icons', 'source.sha256'), `${createHash('sha256').update(svg).digest('hex')}\n`);
console.log('icons written to resources/ from icon.svg');
