from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"

    def ready(self):
        from django.conf import settings

        from home.models import HomePage
        from movement import roles

        # Translators work under the home pages of the other languages (movement.roles).
        roles.register_section(
            roles.TRANSLATORS,
            HomePage,
            lambda: HomePage.objects.exclude(locale__language_code=settings.LANGUAGE_CODE),
        )
