#!/usr/bin/env python3
"""Draws the skill's placeholder store icons: a jukebox with a music note.

Writes, next to skill-package/skill.json:
  skill-package/assets/images/en-US_smallIconUri.png   108 x 108, RGB PNG
  skill-package/assets/images/en-US_largeIconUri.png   512 x 512, RGB PNG

These are the sizes the skill manifest asks for (smallIconUri 108x108px,
largeIconUri 512x512px; see the descriptions in node_modules/ask-smapi-model,
v1.skill.Manifest.SkillManifestLocalizedPublishingInformation). skill.json
refers to them, for an ASK CLI v2 skill package, as
  "smallIconUri": "file://assets/images/en-US_smallIconUri.png",
  "largeIconUri": "file://assets/images/en-US_largeIconUri.png"
(the path is relative to skill-package/; a file:// icon is only accepted when
the manifest is deployed inside the skill package, which `ask deploy` does).

The drawing is programmatic (shapes only, no fonts, no downloaded artwork) so
the repository holds no third-party image. It is a placeholder: the skill's
owner is expected to replace both PNGs with their own artwork (same file names
and sizes, PNG) before certification; nothing else needs to change.

How to run (Pillow is the only dependency, and only this script needs it):
  python3 -m venv /tmp/iconvenv && /tmp/iconvenv/bin/pip install pillow
  /tmp/iconvenv/bin/python scripts/make-icons.py [--out DIR]
The output is deterministic: running it twice gives the same pixels.
"""

import argparse
import pathlib

from PIL import Image, ImageDraw

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "skill-package" / "assets" / "images"

# (file name, edge in pixels)
ICONS = (
    ("en-US_smallIconUri.png", 108),
    ("en-US_largeIconUri.png", 512),
)

# The design is drawn on a 1024-unit canvas, SUPERSAMPLE times larger than the
# biggest icon, then scaled down with a Lanczos filter for smooth edges.
CANVAS = 1024
SUPERSAMPLE = 2

BG_TOP = (36, 20, 74)        # deep violet
BG_BOTTOM = (92, 24, 92)     # plum
CABINET = (250, 176, 60)     # warm amber
CABINET_EDGE = (196, 112, 28)
WINDOW = (40, 22, 66)
GRILLE = (120, 64, 28)
NOTE = (255, 255, 255)
GLOW = (255, 214, 120)


def vertical_gradient(size, top, bottom):
    """An RGB image fading from `top` (first row) to `bottom` (last row)."""
    img = Image.new("RGB", (size, size), top)
    draw = ImageDraw.Draw(img)
    for y in range(size):
        t = y / (size - 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom))
        draw.line([(0, y), (size, y)], fill=colour)
    return img


def draw_design(scale):
    """The full-size artwork; every coordinate is in 1024-unit design space."""
    size = CANVAS * scale
    img = vertical_gradient(size, BG_TOP, BG_BOTTOM)
    draw = ImageDraw.Draw(img)

    def s(*values):
        return [round(v * scale) for v in values]

    # Soft halo behind the jukebox, kept inside the central circle so a round
    # crop (as some Alexa surfaces apply) loses nothing important.
    draw.ellipse(s(172, 150, 852, 830), fill=(70, 30, 100))

    # Cabinet: a rectangle body with a semicircular arched top.
    left, right, top_arch, body_top, bottom = 292, 732, 190, 410, 870
    edge = 22
    draw.ellipse(s(left - edge, top_arch - edge, right + edge, 630 + edge), fill=CABINET_EDGE)
    draw.rectangle(s(left - edge, body_top, right + edge, bottom + edge), fill=CABINET_EDGE)
    draw.ellipse(s(left, top_arch, right, 630), fill=CABINET)
    draw.rectangle(s(left, body_top, right, bottom), fill=CABINET)

    # Arched window where the record shows, with a music note in it.
    draw.ellipse(s(352, 250, 672, 570), fill=WINDOW)
    draw.rectangle(s(352, 410, 672, 570), fill=WINDOW)

    # Eighth-note pair (beamed), white, centred in the window.
    head_r = 42
    draw.ellipse(s(404 - head_r, 478 - head_r * 0.8, 404 + head_r, 478 + head_r * 0.8), fill=NOTE)
    draw.ellipse(s(578 - head_r, 452 - head_r * 0.8, 578 + head_r, 452 + head_r * 0.8), fill=NOTE)
    stem_w = 18
    draw.rectangle(s(404 + head_r - stem_w, 318, 404 + head_r, 478), fill=NOTE)
    draw.rectangle(s(578 + head_r - stem_w, 292, 578 + head_r, 452), fill=NOTE)
    draw.polygon(
        s(
            404 + head_r - stem_w, 318,
            578 + head_r, 292,
            578 + head_r, 340,
            404 + head_r - stem_w, 366,
        ),
        fill=NOTE,
    )

    # Selector strip: a glowing band of buttons under the window.
    draw.rounded_rectangle(s(332, 592, 692, 646), radius=round(20 * scale), fill=CABINET_EDGE)
    for i in range(5):
        x = 360 + i * 68
        draw.ellipse(s(x, 604, x + 34, 634), fill=GLOW)

    # Speaker grille: horizontal slots in the lower body.
    draw.rounded_rectangle(s(352, 672, 672, 836), radius=round(26 * scale), fill=GRILLE)
    for y in (700, 738, 776, 814):
        draw.rounded_rectangle(s(380, y - 8, 644, y + 8), radius=round(8 * scale), fill=CABINET_EDGE)

    return img


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path, default=DEFAULT_OUT,
                        help="folder to write the PNGs into (default: %(default)s)")
    args = parser.parse_args()

    args.out.mkdir(parents=True, exist_ok=True)
    art = draw_design(SUPERSAMPLE)
    for name, edge in ICONS:
        icon = art.resize((edge, edge), Image.LANCZOS).convert("RGB")
        path = args.out / name
        icon.save(path, format="PNG", optimize=True)
        print(f"wrote {path} ({edge}x{edge})")


if __name__ == "__main__":
    main()
