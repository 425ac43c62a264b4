// The Teams app icons, drawn from the brand: color.png (192x192: the brand colour with a white
// speech bubble holding the avatar initials) and outline.png (32x32: the bubble's outline in
// white on transparent, as Teams requires). Shapes are sampled 4x4 per pixel for smooth edges;
// pngjs encodes the result. `npm run teams:icons` writes them to deploy/teams/.
import { PNG } from 'pngjs';

type Rgb = [number, number, number];
type Shape = (x: number, y: number) => boolean;

/** 5x7 capitals and digits, enough for BOT_AVATAR_INITIALS. */
const glyphs: Record<string, string[]> = {
    A: ['.###.', '#...#', '#...#', '#####', '#...#', '#...#', '#...#'],
    B: ['####.', '#...#', '#...#', '####.', '#...#', '#...#', '####.'],
    C: ['.###.', '#...#', '#....', '#....', '#....', '#...#', '.###.'],
    D: ['####.', '#...#', '#...#', '#...#', '#...#', '#...#', '####.'],
    E: ['#####', '#....', '#....', '####.', '#....', '#....', '#####'],
    F: ['#####', '#....', '#....', '####.', '#....', '#....', '#....'],
    G: ['.###.', '#...#', '#....', '#.###', '#...#', '#...#', '.####'],
    H: ['#...#', '#...#', '#...#', '#####', '#...#', '#...#', '#...#'],
    I: ['.###.', '..#..', '..#..', '..#..', '..#..', '..#..', '.###.'],
    J: ['..###', '...#.', '...#.', '...#.', '...#.', '#..#.', '.##..'],
    K: ['#...#', '#..#.', '#.#..', '##...', '#.#..', '#..#.', '#...#'],
    L: ['#....', '#....', '#....', '#....', '#....', '#....', '#####'],
    M: ['#...#', '##.##', '#.#.#', '#.#.#', '#...#', '#...#', '#...#'],
    N: ['#...#', '#...#', '##..#', '#.#.#', '#..##', '#...#', '#...#'],
    O: ['.###.', '#...#', '#...#', '#...#', '#...#', '#...#', '.###.'],
    P: ['####.', '#...#', '#...#', '####.', '#....', '#....', '#....'],
    Q: ['.###.', '#...#', '#...#', '#...#', '#.#.#', '#..#.', '.##.#'],
    R: ['####.', '#...#', '#...#', '####.', '#.#..', '#..#.', '#...#'],
    S: ['.####', '#....', '#....', '.###.', '....#', '....#', '####.'],
    T: ['#####', '..#..', '..#..', '..#..', '..#..', '..#..', '..#..'],
    U: ['#...#', '#...#', '#...#', '#...#', '#...#', '#...#', '.###.'],
    V: ['#...#', '#...#', '#...#', '#...#', '#...#', '.#.#.', '..#..'],
    W: ['#...#', '#...#', '#...#', '#.#.#', '#.#.#', '#.#.#', '.#.#.'],
    X: ['#...#', '#...#', '.#.#.', '..#..', '.#.#.', '#...#', '#...#'],
    Y: ['#...#', '#...#', '.#.#.', '..#..', '..#..', '..#..', '..#..'],
    Z: ['#####', '....#', '...#.', '..#..', '.#...', '#....', '#####'],
    '0': ['.###.', '#...#', '#..##', '#.#.#', '##..#', '#...#', '.###.'],
    '1': ['..#..', '.##..', '..#..', '..#..', '..#..', '..#..', '.###.'],
    '2': ['.###.', '#...#', '....#', '...#.', '..#..', '.#...', '#####'],
    '3': ['#####', '...#.', '..#..', '...#.', '....#', '#...#', '.###.'],
    '4': ['...#.', '..##.', '.#.#.', '#..#.', '#####', '...#.', '...#.'],
    '5': ['#####', '#....', '####.', '....#', '....#', '#...#', '.###.'],
    '6': ['..##.', '.#...', '#....', '####.', '#...#', '#...#', '.###.'],
    '7': ['#####', '....#', '...#.', '..#..', '.#...', '.#...', '.#...'],
    '8': ['.###.', '#...#', '#...#', '.###.', '#...#', '#...#', '.###.'],
    '9': ['.###.', '#...#', '#...#', '.####', '....#', '...#.', '.##..']
};

function hexToRgb(hex: string): Rgb {
    const n = Number.parseInt(hex.replace('#', ''), 16);
    return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number): Shape {
    return (x, y) => {
        if (x < x0 || x > x1 || y < y0 || y > y1) return false;
        const cx = Math.min(Math.max(x, x0 + r), x1 - r);
        const cy = Math.min(Math.max(y, y0 + r), y1 - r);
        return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
    };
}

function triangle(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): Shape {
    const side = (px: number, py: number, qx: number, qy: number, x: number, y: number) => (qx - px) * (y - py) - (qy - py) * (x - px);
    return (x, y) => {
        const d1 = side(ax, ay, bx, by, x, y);
        const d2 = side(bx, by, cx, cy, x, y);
        const d3 = side(cx, cy, ax, ay, x, y);
        return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
    };
}

const union = (...shapes: Shape[]): Shape => (x, y) => shapes.some((s) => s(x, y));
const minus = (a: Shape, b: Shape): Shape => (x, y) => a(x, y) && !b(x, y);

/** A speech bubble in a size x size box (fractions of the box), with its tail at the bottom left. */
function bubble(size: number, inset = 0): Shape {
    const u = size / 192;
    const body = roundedRect(30 * u + inset, 40 * u + inset, 162 * u - inset, 136 * u - inset, 26 * u - inset);
    const tail = triangle(52 * u + inset * 1.2, 128 * u - inset, 90 * u - inset, 128 * u - inset, 44 * u + inset * 1.6, 162 * u - inset * 2.2);
    return union(body, tail);
}

/** The initials in the 5x7 font, centred on (cx, cy), `height` tall. */
function initialsShape(initials: string, cx: number, cy: number, height: number): Shape {
    const letters = [...initials.toUpperCase()].filter((c) => glyphs[c]);
    const cell = height / 7;
    const gap = cell;
    const width = letters.length * 5 * cell + (letters.length - 1) * gap;
    const left = cx - width / 2;
    const top = cy - height / 2;
    return (x, y) => {
        const row = Math.floor((y - top) / cell);
        if (row < 0 || row > 6) return false;
        const offset = x - left;
        const letter = Math.floor(offset / (5 * cell + gap));
        const column = Math.floor((offset - letter * (5 * cell + gap)) / cell);
        if (letter < 0 || letter >= letters.length || column < 0 || column > 4) return false;
        return glyphs[letters[letter]!]![row]![column] === '#';
    };
}

/** Paints shapes front to back over a transparent canvas, 4x4 samples a pixel. */
function paint(size: number, layers: { shape: Shape; color: Rgb }[]): PNG {
    const png = new PNG({ width: size, height: size });
    const samples = 4;
    for (let py = 0; py < size; py++) {
        for (let px = 0; px < size; px++) {
            let r = 0;
            let g = 0;
            let b = 0;
            let a = 0;
            for (let sy = 0; sy < samples; sy++) {
                for (let sx = 0; sx < samples; sx++) {
                    const x = px + (sx + 0.5) / samples;
                    const y = py + (sy + 0.5) / samples;
                    for (let i = layers.length - 1; i >= 0; i--) {
                        const layer = layers[i]!;
                        if (layer.shape(x, y)) {
                            r += layer.color[0];
                            g += layer.color[1];
                            b += layer.color[2];
                            a += 1;
                            break;
                        }
                    }
                }
            }
            const index = (py * size + px) * 4;
            png.data[index] = a ? Math.round(r / a) : 0;
            png.data[index + 1] = a ? Math.round(g / a) : 0;
            png.data[index + 2] = a ? Math.round(b / a) : 0;
            png.data[index + 3] = Math.round((a / (samples * samples)) * 255);
        }
    }
    return png;
}

/** 192x192: brand-colour background, white bubble, initials in the brand colour. */
export function colorIcon(brandColor: string, initials: string): Buffer {
    const brand = hexToRgb(brandColor);
    const white: Rgb = [255, 255, 255];
    const size = 192;
    const png = paint(size, [
        { shape: () => true, color: brand },
        { shape: bubble(size), color: white },
        { shape: initialsShape(initials, 96, 88, 42), color: brand }
    ]);
    return PNG.sync.write(png);
}

/** 32x32: the bubble's outline and two text lines, white on transparent. */
export function outlineIcon(): Buffer {
    const size = 32;
    const white: Rgb = [255, 255, 255];
    const u = size / 192;
    const ring = minus(bubble(size), bubble(size, 2.2));
    const lines = union(roundedRect(58 * u, 70 * u, 134 * u, 82 * u, 6 * u), roundedRect(58 * u, 96 * u, 112 * u, 108 * u, 6 * u));
    return PNG.sync.write(paint(size, [{ shape: union(ring, lines), color: white }]));
}
