from django.db.models.signals import post_migrate, post_save
from django.dispatch import receiver

from movement import roles


@receiver(post_migrate)
def keep_roles_in_place(sender, app_config=None, **kwargs):
    # Once per migrate or flush: at the last app's post_migrate, when every permission exists.
    from django.apps import apps

    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if app_config is not None and app_config is with_models[-1]:
        roles.ensure_roles()


def grant_on_new_section(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        roles.grant_section_pages()


def connect():
    from events.models import MeetupIndexPage
    from home.models import HomePage

    post_save.connect(grant_on_new_section, sender=HomePage, dispatch_uid="roles-home")
    post_save.connect(grant_on_new_section, sender=MeetupIndexPage, dispatch_uid="roles-meetups")
