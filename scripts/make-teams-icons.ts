// Draws the Teams app icons: appPackage/color.png (192×192, full colour) and appPackage/outline.png
// (32×32, white on transparent), a filing document with a check mark. Run: npx tsx scripts/make-teams-icons.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { encodePng, type Image } from './teams/png.js';

type Rgba = readonly [number, number, number, number];
/** Whether a point (in icon pixels) is inside a shape. */
type Shape = (x: number, y: number) => boolean;

export const ACCENT: Rgba = [0x1f, 0x4e, 0x8c, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const LINES: Rgba = [0x9f, 0xb3, 0xcf, 255];
const GREEN: Rgba = [0x2e, 0x9d, 0x5b, 255];
/** Samples per pixel side: edges are anti-aliased by coverage. */
const SUPERSAMPLE = 4;

function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number): Shape {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
    const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
    return dx * dx + dy * dy <= r * r;
  };
}

function circle(cx: number, cy: number, r: number): Shape {
  return (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** A thick line from a to b with round ends. */
function segment(ax: number, ay: number, bx: number, by: number, width: number): Shape {
  return (x, y) => {
    const lx = bx - ax;
    const ly = by - ay;
    const t = Math.max(0, Math.min(1, ((x - ax) * lx + (y - ay) * ly) / (lx * lx + ly * ly)));
    return (x - ax - t * lx) ** 2 + (y - ay - t * ly) ** 2 <= (width / 2) ** 2;
  };
}

const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((s) => s(x, y));
const minus =
  (shape: Shape, hole: Shape): Shape =>
  (x, y) =>
    shape(x, y) && !hole(x, y);

/** Paints layers bottom to top, each with its coverage as alpha, over a transparent canvas. */
function render(size: number, layers: readonly (readonly [Shape, Rgba])[]): Image {
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const [shape, color] of layers) {
        let hits = 0;
        for (let sy = 0; sy < SUPERSAMPLE; sy += 1) {
          for (let sx = 0; sx < SUPERSAMPLE; sx += 1) {
            if (shape(px + (sx + 0.5) / SUPERSAMPLE, py + (sy + 0.5) / SUPERSAMPLE)) hits += 1;
          }
        }
        const alpha = (hits / SUPERSAMPLE ** 2) * (color[3] / 255);
        const out = alpha + a * (1 - alpha);
        if (out > 0) {
          r = (color[0] * alpha + r * a * (1 - alpha)) / out;
          g = (color[1] * alpha + g * a * (1 - alpha)) / out;
          b = (color[2] * alpha + b * a * (1 - alpha)) / out;
        }
        a = out;
      }
      rgba.set([Math.round(r), Math.round(g), Math.round(b), Math.round(a * 255)], (py * size + px) * 4);
    }
  }
  return { width: size, height: size, rgba };
}

/** 192×192: a white filing document on the accent colour, with a green check badge. */
export function colorIcon(): Image {
  const checkMark = union(segment(118, 137, 128, 147, 8), segment(128, 147, 147, 124, 8));
  return render(192, [
    [roundedRect(0, 0, 192, 192, 0), ACCENT],
    [roundedRect(46, 28, 134, 160, 10), WHITE],
    [roundedRect(62, 54, 118, 62, 4), LINES],
    [roundedRect(62, 74, 118, 82, 4), LINES],
    [roundedRect(62, 94, 100, 102, 4), LINES],
    [circle(133, 136, 33), WHITE],
    [circle(133, 136, 27), GREEN],
    [checkMark, WHITE],
  ]);
}

/** 32×32: the same document and check as white lines on transparent, as Teams wants outlines. */
export function outlineIcon(): Image {
  const document = minus(roundedRect(6, 3, 22, 28, 2.5), roundedRect(8, 5, 20, 26, 1));
  const lines = union(roundedRect(10.5, 9, 17.5, 10.5, 0.75), roundedRect(10.5, 13, 17.5, 14.5, 0.75));
  const badge = minus(circle(22, 22, 8), circle(22, 22, 6.5));
  const checkMark = union(segment(18.5, 22, 21, 24.5, 1.8), segment(21, 24.5, 25.5, 19.5, 1.8));
  // The badge cuts the document's corner so the two outlines do not run into each other.
  return render(32, [[union(minus(union(document, lines), circle(22, 22, 9)), badge, checkMark), WHITE]]);
}

export const COLOR_ICON_FILE = fileURLToPath(new URL('../appPackage/color.png', import.meta.url));
export const OUTLINE_ICON_FILE = fileURLToPath(new URL('../appPackage/outline.png', import.meta.url));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(COLOR_ICON_FILE, encodePng(colorIcon()));
  writeFileSync(OUTLINE_ICON_FILE, encodePng(outlineIcon()));
  process.stdout.write(`wrote ${COLOR_ICON_FILE} and ${OUTLINE_ICON_FILE}\n`);
}
