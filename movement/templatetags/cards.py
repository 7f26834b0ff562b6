"""Cards (articles, meet-ups, participants, streams) as HTML kept under the content generation.

A listing shows up to 24 cards, and rendering them was a third of its time. ``{% cards %}``
renders each card once per language, site and heading level, keeps it with
``pagecache.cached_many`` (all cards of a list in one round trip) and records again, wherever a
kept card is used, the facts it shows (``page_shows``: a meet-up card's "full"). What a card
shows that changes without a new generation (a meet-up filling up, or ending) is its
``card_variant``: a card is kept once per variant. A preview renders every card afresh.

    {% cards meetups "events/includes/meetup_card.html" "meetup" heading="h3" as meetup_cards %}
    {% for card in meetup_cards %}<li>{{ card }}</li>{% endfor %}
"""

from django import template
from django.utils import translation
from wagtail.models import Site

from movement import pagecache

register = template.Library()


def variant(obj):
    return getattr(obj, "card_variant", "")


@register.simple_tag(takes_context=True)
def cards(context, objects, template_name, name, heading="h2"):
    """The HTML of `template_name` for each of `objects` (as the variable `name`), in order."""
    objects = list(objects)
    if not objects:
        return []
    request = context.get("request")
    card_template = context.template.engine.get_template(template_name)

    def render(obj):
        with pagecache.recording_tags() as tags:
            html = card_template.render(
                context.new({name: obj, "heading": heading, "request": request})
            )
        return html, frozenset(tags)

    if request is None or getattr(request, "is_preview", False):
        return [render(obj)[0] for obj in objects]
    keys = [(obj.pk, variant(obj)) for obj in objects]
    by_key = dict(zip(keys, objects, strict=True))
    site = Site.find_for_request(request)
    kept = pagecache.cached_many(
        f"card:{template_name}",
        list(by_key),
        lambda missing: {key: render(by_key[key]) for key in missing},
        translation.get_language(),
        site.pk if site else 0,
        heading,
    )
    html = []
    for key in keys:
        card, tags = kept[key]
        for tag in tags:
            pagecache.depends_on(tag)
        html.append(card)
    return html
