"""Demo images drawn locally with Pillow: abstract shapes in the site's palette, never downloaded."""

import io
import random

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Collection

PALETTE = ["#a3262a", "#00695c", "#1f4e9c", "#6a1b9a", "#2e6b30", "#8a4b00", "#f7f3ec", "#e8c39e"]


def draw_picture(seed, width=1600, height=1000):
    rng = random.Random(seed)
    picture = PILImage.new("RGB", (width, height), "#f7f3ec")
    draw = ImageDraw.Draw(picture)
    for _ in range(14):
        colour = rng.choice(PALETTE)
        x, y = rng.randrange(width), rng.randrange(height)
        radius = rng.randrange(80, 420)
        if rng.random() < 0.6:
            draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)
        else:
            draw.rectangle((x - radius, y - radius // 2, x + radius, y + radius // 2), fill=colour)
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=82)
    return buffer


def demo_image(title, seed, width=1600, height=1000):
    """The demo image with this title, drawn once; running the loader again reuses it."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    # A flushed test database has lost the root collection that Wagtail's migrations made.
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    buffer = draw_picture(seed, width, height)
    image = Image(title=title, description="")
    image.file = ImageFile(buffer, name=f"demo-{seed}.jpg")
    image.save()
    return image
