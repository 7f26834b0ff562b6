from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"

    def ready(self):
        from events import signals  # noqa: F401
        from events.models import MeetupIndexPage
        from movement import roles

        # Meet-up organisers work under every meet-up index (movement.roles).
        roles.register_section(roles.MEETUP_ORGANISERS, MeetupIndexPage)
