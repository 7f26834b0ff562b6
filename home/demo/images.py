"""Demo images drawn locally with Pillow, never downloaded.

Illustrations use the stream's palette (its accent colour on a soft tint of it) and the stream's icon,
so a stream page, its articles and its cards look related. Participant logos are monogram marks.
"""

import hashlib
import io
import math
import random

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Collection

# The same colours as the stream tokens in movement/static/movement/css/site.css.
ACCENTS = {
    "red": ("#a3262a", "#fbeeee"),
    "teal": ("#00695c", "#e6f3f1"),
    "blue": ("#1f4e9c", "#eaf0fa"),
    "plum": ("#6a1b9a", "#f4ecf8"),
    "green": ("#2e6b30", "#ebf4ea"),
    "ochre": ("#8a4b00", "#f9f0e3"),
}
HERO_STREAMS = [("red", "home"), ("teal", "heart"), ("blue", "sprout"), ("ochre", "book")]
SCALE = 2  # drawn at twice the size, then scaled down: smooth edges without anti-aliasing support
MONOGRAM_SKIP = {"de", "het", "van", "en", "stichting", "zorggroep"}


def _rgb(colour):
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def _mix(colour, other, amount):
    a, b = _rgb(colour), _rgb(other)
    return tuple(round(x + (y - x) * amount) for x, y in zip(a, b, strict=True))


# ---------- icons: drawn in a box of size s centred on (cx, cy) ----------


def _icon_home(draw, cx, cy, s, fill, background):
    draw.polygon(
        [(cx - s * 0.5, cy - s * 0.02), (cx, cy - s * 0.48), (cx + s * 0.5, cy - s * 0.02)],
        fill=fill,
    )
    draw.rectangle((cx - s * 0.36, cy - s * 0.06, cx + s * 0.36, cy + s * 0.44), fill=fill)
    draw.rounded_rectangle(
        (cx - s * 0.09, cy + s * 0.12, cx + s * 0.09, cy + s * 0.44),
        radius=s * 0.04,
        fill=background,
    )
    draw.rectangle((cx + s * 0.16, cy - s * 0.4, cx + s * 0.27, cy - s * 0.2), fill=fill)


def _icon_heart(draw, cx, cy, s, fill, background):
    r = s * 0.25
    centre_y = cy - s * 0.14
    draw.ellipse((cx - 2 * r, centre_y - r, cx, centre_y + r), fill=fill)
    draw.ellipse((cx, centre_y - r, cx + 2 * r, centre_y + r), fill=fill)
    # The sides run from the circles' outer tangents to the point.
    tip = (cx, cy + s * 0.46)
    side = math.radians(40)
    left = (cx - r - r * math.cos(side), centre_y + r * math.sin(side))
    right = (cx + r + r * math.cos(side), centre_y + r * math.sin(side))
    draw.polygon([left, (cx, centre_y), right, tip], fill=fill)


def _leaf(cx, cy, length, width, angle):
    """A lens-shaped leaf from (cx, cy) pointing at angle (radians)."""
    points = []
    for step in range(0, 41):
        t = step / 40
        x, y = t * length, math.sin(t * math.pi) * width / 2
        points.append((x, y))
    points += [(x, -y) for x, y in reversed(points)]
    cos, sin = math.cos(angle), math.sin(angle)
    return [(cx + x * cos - y * sin, cy + x * sin + y * cos) for x, y in points]


def _icon_sprout(draw, cx, cy, s, fill, background):
    draw.line((cx, cy + s * 0.46, cx, cy - s * 0.1), fill=fill, width=max(2, round(s * 0.07)))
    draw.polygon(_leaf(cx, cy - s * 0.02, s * 0.46, s * 0.26, math.radians(-145)), fill=fill)
    draw.polygon(_leaf(cx, cy - s * 0.14, s * 0.5, s * 0.28, math.radians(-35)), fill=fill)
    draw.rounded_rectangle(
        (cx - s * 0.3, cy + s * 0.36, cx + s * 0.3, cy + s * 0.48), radius=s * 0.05, fill=fill
    )


def _icon_book(draw, cx, cy, s, fill, background):
    top, bottom, spine = cy - s * 0.34, cy + s * 0.36, s * 0.04
    draw.polygon(
        [
            (cx - spine, top + s * 0.06),
            (cx - s * 0.5, top),
            (cx - s * 0.5, bottom - s * 0.06),
            (cx - spine, bottom),
        ],
        fill=fill,
    )
    draw.polygon(
        [
            (cx + spine, top + s * 0.06),
            (cx + s * 0.5, top),
            (cx + s * 0.5, bottom - s * 0.06),
            (cx + spine, bottom),
        ],
        fill=fill,
    )
    for row in range(3):
        y = top + s * (0.18 + row * 0.14)
        draw.line(
            (cx - s * 0.4, y, cx - s * 0.12, y + s * 0.03),
            fill=background,
            width=max(2, round(s * 0.025)),
        )
        draw.line(
            (cx + s * 0.12, y + s * 0.03, cx + s * 0.4, y),
            fill=background,
            width=max(2, round(s * 0.025)),
        )


def _icon_people(draw, cx, cy, s, fill, background):
    for dx, scale in ((-0.2, 0.85), (0.2, 0.85), (0.0, 1.0)):
        x = cx + dx * s
        r = s * 0.14 * scale
        head_y = cy - s * 0.2 * scale
        if scale < 1:
            head_y -= s * 0.04
        draw.ellipse(
            (x - r, head_y - r, x + r, head_y + r),
            fill=fill,
            outline=background,
            width=max(2, round(s * 0.02)),
        )
        body = s * 0.3 * scale
        draw.pieslice(
            (x - body, cy + s * 0.02, x + body, cy + s * 0.02 + 2 * body),
            180,
            360,
            fill=fill,
            outline=background,
            width=max(2, round(s * 0.02)),
        )


ICONS = {
    "home": _icon_home,
    "heart": _icon_heart,
    "sprout": _icon_sprout,
    "book": _icon_book,
    "people": _icon_people,
}


def draw_icon(draw, icon, cx, cy, size, fill, background):
    ICONS.get(icon, _icon_people)(draw, cx, cy, size, fill, background)


# ---------- pictures ----------


def _finish(picture, width, height, fmt="JPEG"):
    picture = picture.resize((width, height), PILImage.LANCZOS)
    buffer = io.BytesIO()
    if fmt == "PNG":
        picture.save(buffer, format="PNG", optimize=True)
    else:
        picture.save(buffer, format="JPEG", quality=85)
    return buffer


def draw_illustration(seed, width=1600, height=1000, accent="red", icon="people"):
    """A calm illustration: soft tint, overlapping circles in shades of the accent, the icon in a disc."""
    rng = random.Random(seed)
    strong, soft = ACCENTS.get(accent, ACCENTS["red"])
    w, h = width * SCALE, height * SCALE
    picture = PILImage.new("RGB", (w, h), soft)
    draw = ImageDraw.Draw(picture)
    # Large soft circles, never random rectangles: three shades between the tint and the accent.
    shades = [_mix(soft, strong, amount) for amount in (0.12, 0.22, 0.34)]
    for _ in range(6):
        radius = rng.uniform(0.25, 0.55) * h
        x = rng.uniform(-0.1, 1.1) * w
        y = rng.choice([rng.uniform(-0.2, 0.15), rng.uniform(0.85, 1.2)]) * h
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=rng.choice(shades))
    # A row of dots: people in a circle, the movement's motif.
    cx, cy = w * rng.uniform(0.42, 0.58), h * 0.5
    disc = min(w, h) * 0.3
    for index in range(12):
        angle = index / 12 * 2 * math.pi
        dot = disc * 0.1
        x, y = cx + math.cos(angle) * disc * 1.32, cy + math.sin(angle) * disc * 1.32
        draw.ellipse((x - dot, y - dot, x + dot, y + dot), fill=_mix(soft, strong, 0.55))
    draw.ellipse((cx - disc, cy - disc, cx + disc, cy + disc), fill=strong)
    draw_icon(draw, icon, cx, cy, disc * 1.15, (255, 255, 255), strong)
    return _finish(picture, width, height)


def draw_hero(width=1600, height=1000):
    """The four streams side by side: four discs in their colours with their icons."""
    w, h = width * SCALE, height * SCALE
    picture = PILImage.new("RGB", (w, h), "#f7f3ec")
    draw = ImageDraw.Draw(picture)
    radius = w * 0.105
    positions = [(0.17, 0.42), (0.39, 0.58), (0.61, 0.42), (0.83, 0.58)]
    for (accent, _icon), (px, py) in zip(HERO_STREAMS, positions, strict=True):
        strong, soft = ACCENTS[accent]
        cx, cy = w * px, h * py
        draw.ellipse(
            (cx - radius * 1.3, cy - radius * 1.3, cx + radius * 1.3, cy + radius * 1.3), fill=soft
        )
    for (accent, icon), (px, py) in zip(HERO_STREAMS, positions, strict=True):
        strong, soft = ACCENTS[accent]
        cx, cy = w * px, h * py
        draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=strong)
        draw_icon(draw, icon, cx, cy, radius * 1.1, (255, 255, 255), strong)
    return _finish(picture, width, height)


def monogram_letters(name):
    words = [word for word in name.replace("-", " ").split() if word.lower() not in MONOGRAM_SKIP]
    words = words or name.split()
    letters = "".join(word[0] for word in words[:2]).upper()
    return letters or "?"


def draw_monogram(name, size=400):
    """A clean monogram mark: the organisation's initials in white on a colour picked from its name."""
    colours = list(ACCENTS.values())
    digest = int(hashlib.sha256(name.encode()).hexdigest(), 16)
    strong, soft = colours[digest % len(colours)]
    s = size * SCALE
    picture = PILImage.new("RGB", (s, s), "#ffffff")
    draw = ImageDraw.Draw(picture)
    draw.rounded_rectangle((0, 0, s - 1, s - 1), radius=s * 0.18, fill=strong)
    inset = s * 0.07
    draw.rounded_rectangle(
        (inset, inset, s - inset, s - inset),
        radius=s * 0.13,
        outline=_mix(strong, "#ffffff", 0.35),
        width=max(2, round(s * 0.012)),
    )
    letters = monogram_letters(name)
    font = ImageFont.load_default(size=round(s * (0.42 if len(letters) > 1 else 0.52)))
    draw.text((s / 2, s / 2), letters, fill="#ffffff", font=font, anchor="mm")
    return _finish(picture, size, size, fmt="PNG")


def draw_picture(seed, width=1600, height=1000, accent=None, icon=None, monogram=None, hero=False):
    if monogram:
        return draw_monogram(monogram, size=min(width, height))
    if hero:
        return draw_hero(width, height)
    return draw_illustration(seed, width, height, accent=accent or "red", icon=icon or "people")


def demo_image(
    title, seed, width=1600, height=1000, *, accent=None, icon=None, monogram=None, hero=False
):
    """The demo image with this title, drawn once; running the loader again reuses it."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    # A flushed test database has lost the root collection that Wagtail's migrations made.
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    buffer = draw_picture(
        seed, width, height, accent=accent, icon=icon, monogram=monogram, hero=hero
    )
    extension = "png" if monogram else "jpg"
    image = Image(title=title, description="")
    image.file = ImageFile(buffer, name=f"demo-{seed}.{extension}")
    image.save()
    return image
