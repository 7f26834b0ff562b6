from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"

    def ready(self):
        from events import retention, signals, views  # noqa: F401
        from events.listings import register_kinds
        from events.models import (
            MeetupIndexPage,
            MeetupPage,
            upcoming_meetup_cards,
            upcoming_meetups,
        )
        from movement import providers, roles

        # The pages' sub-routes call the views, which import the models (events/models.py).
        MeetupIndexPage.views = views
        MeetupPage.views = views

        providers.provide("upcoming_meetups", upcoming_meetups)
        providers.provide("upcoming_meetup_cards", upcoming_meetup_cards)

        # Meet-up organisers work under every meet-up index (movement.roles).
        roles.register_section(roles.MEETUP_ORGANISERS, MeetupIndexPage)

        register_kinds()  # meet-ups (movement.kinds)
        retention.register()  # sign-ups and their audit log (movement.retention)
