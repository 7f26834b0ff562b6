from wagtail import hooks

from streams.dashboard import add_join_applications_panel

hooks.register("construct_homepage_panels", add_join_applications_panel)
