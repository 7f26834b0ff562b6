from wagtail import hooks
from wagtail.snippets.models import register_snippet

from streams.dashboard import add_join_applications_panel
from streams.newsletter_admin import (
    NewsletterIssueViewSet,
    NewsletterSubscriberViewSet,
    admin_urls,
    issue_buttons,
)
from streams.reaction_admin import ReactionViewSet, add_waiting_reactions_panel

hooks.register("construct_homepage_panels", add_join_applications_panel)
hooks.register("construct_homepage_panels", add_waiting_reactions_panel)
register_snippet(ReactionViewSet)
register_snippet(NewsletterIssueViewSet)
register_snippet(NewsletterSubscriberViewSet)
hooks.register("register_snippet_listing_buttons", issue_buttons)
hooks.register("register_admin_urls", admin_urls)
