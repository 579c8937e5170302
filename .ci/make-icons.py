#!/usr/bin/env python3
"""The app's install icons (public/icon-192.png, icon-512.png) drawn from the favicon's shapes:
a dark green rounded square with a white envelope. Run once; the PNGs are committed. Standard
library only (zlib, struct), so no image package is needed."""
import struct
import sys
import zlib
from pathlib import Path

GREEN = (0x2F, 0x5D, 0x50)
WHITE = (0xFF, 0xFF, 0xFF)


def seg_dist(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    cx, cy = ax + t * dx, ay + t * dy
    return ((px - cx) ** 2 + (py - cy) ** 2) ** 0.5


def inside_rounded(x, y, r=6.0, size=32.0):
    cx = min(max(x, r), size - r)
    cy = min(max(y, r), size - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


# The envelope as stroked segments in the favicon's 32-unit square (stroke width 2).
SEGMENTS = [
    (6, 10, 26, 10), (26, 10, 26, 23), (26, 23, 6, 23), (6, 23, 6, 10),
    (6, 10, 16, 18), (16, 18, 26, 10),
]


def colour(x, y):
    """(rgb, alpha) of one sample point in favicon units."""
    if not inside_rounded(x, y):
        return None
    if any(seg_dist(x, y, *s) <= 1.0 for s in SEGMENTS):
        return WHITE
    return GREEN


def draw(size, samples=4):
    rows = []
    unit = 32.0 / size
    for j in range(size):
        row = bytearray([0])
        for i in range(size):
            acc = [0, 0, 0, 0]
            for sj in range(samples):
                for si in range(samples):
                    c = colour((i + (si + 0.5) / samples) * unit, (j + (sj + 0.5) / samples) * unit)
                    if c:
                        acc[0] += c[0]
                        acc[1] += c[1]
                        acc[2] += c[2]
                        acc[3] += 1
            n = acc[3]
            if n:
                row += bytes([acc[0] // n, acc[1] // n, acc[2] // n, 255 * n // (samples * samples)])
            else:
                row += bytes([0, 0, 0, 0])
        rows.append(bytes(row))
    return b"".join(rows)


def png(size):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    head = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", head) + chunk(b"IDAT", zlib.compress(draw(size), 9)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "public")
    for size in (192, 512):
        (out / f"icon-{size}.png").write_bytes(png(size))
        print(f"{out}/icon-{size}.png")
