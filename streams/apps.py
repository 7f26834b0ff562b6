from django.apps import AppConfig


class StreamsConfig(AppConfig):
    name = "streams"

    def ready(self):
        from streams import signals  # noqa: F401
        from streams.forms import JoinForm
        from streams.join import handle_join
        from streams.models import StreamPage

        StreamPage.join_form_class = JoinForm
        StreamPage.handle_join = staticmethod(handle_join)
