"""What the apps above the core provide to it. The core never imports an app: an app registers
its function here from its AppConfig.ready, and the core (and the apps beside it) call it here.

- upcoming_meetups(stream=None, limit=None, locale=None): published meet-ups that have not
  ended, soonest first, as a queryset (registered by events; used by the block library's
  "Komende meet-ups" block, the stream, participant, home and search pages).
- upcoming_meetup_cards(stream=None, limit=3, locale=None): the first `limit` of those as a
  list of cards, which ones kept under the content generation until the first of them ends
  (registered by events; the block, the stream and home pages).
"""

from django.core.exceptions import ImproperlyConfigured

_providers = {}


def provide(name, function):
    _providers[name] = function


def _provider(name):
    try:
        return _providers[name]
    except KeyError:
        raise ImproperlyConfigured(
            f"No app provides {name!r} (see movement/providers.py)"
        ) from None


def upcoming_meetups(stream=None, limit=None, locale=None):
    return _provider("upcoming_meetups")(stream=stream, limit=limit, locale=locale)


def upcoming_meetup_cards(stream=None, limit=3, locale=None):
    return _provider("upcoming_meetup_cards")(stream=stream, limit=limit, locale=locale)
