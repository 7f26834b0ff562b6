"""Holes: small parts of a kept page that change on their own, far more often than the page (a
meet-up's places left, with every sign-up). The page stays in the cache; each hit puts in each
hole's current text, so a newsletter's rush of sign-ups renders nothing again.

* Rendering marks a hole (``mark``, the ``{% hole %}`` template tag): an HTML comment on each
  side of its text, named after the fact and the page's language.
* Storing a page notes where its holes are (``find``: byte offsets into the body).
* The code that changes the fact writes the new text in every language (``write``) where the
  changes are put in order (for sign-ups: under the meet-up's lock), so the last decision is the
  last text written. A change that cannot say the new text forgets it (``forget``) and refreshes
  the pages by their tag (``pagecache.invalidate_tag``) instead.
* A hit (``fill``) fetches the texts of the page's holes, one more round trip for these pages
  only (the per-process memory keeps the filled page), and puts them in; a hole without a
  text keeps the text it was rendered with.

Texts are kept per content generation: after a publish (a bigger room, say) pages are rendered
afresh and no text from before is put in them.
"""

from django.core.cache import cache
from django.utils.html import format_html
from django.utils.translation import get_language

from movement import pagecache
from movement.pagecache import local

START, END, CLOSE = b"<!--hole:", b"-->", b"<!--/hole-->"


def name(*parts, language=None):
    """A hole's name: the fact and the language its text is in (the active one by default)."""
    return ":".join([*(str(part) for part in parts), language or get_language()])


def mark(hole_name, html):
    return format_html("<!--hole:{}-->{}<!--/hole-->", hole_name, html)


def find(body):
    """((name, start, end), ...): where the marked texts are in a rendered page's bytes."""
    spots = []
    at = body.find(START)
    while at != -1:
        name_end = body.find(END, at)
        close = body.find(CLOSE, name_end)
        if name_end == -1 or close == -1:
            break
        spots.append((body[at + len(START) : name_end].decode(), name_end + len(END), close))
        at = body.find(START, close)
    return tuple(spots)


def _key(generation, hole_name):
    return f"pagecache:hole:{generation}:{hole_name}"


def write(texts):
    """{hole name: new text (HTML)}: every page showing these holes shows the new texts."""
    generation = pagecache.generation()
    cache.set_many(
        {_key(generation, hole): text.encode() for hole, text in texts.items()},
        pagecache.TAG_TIMEOUT,
    )
    local.pages.forget_holes(texts)


def forget(hole_names):
    """Pages keep the texts they were rendered with (their tag refreshes them)."""
    generation = pagecache.generation()
    cache.delete_many([_key(generation, hole) for hole in hole_names])
    local.pages.forget_holes(hole_names)


def fill(generation, body, spots):
    """The body with each hole's current text put in (fetched in one round trip)."""
    texts = cache.get_many([_key(generation, hole) for hole, _, _ in spots])
    if not texts:
        return body
    parts, done = [], 0
    for hole, start, end in spots:
        text = texts.get(_key(generation, hole))
        if text is not None:
            parts += [body[done:start], text]
            done = end
    parts.append(body[done:])
    return b"".join(parts)
