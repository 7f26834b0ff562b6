from django.apps import AppConfig


class StreamsConfig(AppConfig):
    name = "streams"

    def ready(self):
        from streams import reactions, retention, signals  # noqa: F401
        from streams.forms import JoinForm
        from streams.join import handle_join
        from streams.listings import register_kinds
        from streams.models import ArticlePage, StreamPage

        StreamPage.join_form_class = JoinForm
        StreamPage.handle_join = staticmethod(handle_join)
        ArticlePage.reaction_form_class = reactions.ReactionForm
        ArticlePage.handle_reaction = staticmethod(reactions.handle_reaction)

        register_kinds()  # articles, participants, streams (movement.kinds)
        retention.register()  # join applications (movement.retention)
