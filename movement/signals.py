from django.db.models.signals import post_migrate
from django.dispatch import receiver

from movement import roles


@receiver(post_migrate)
def keep_roles_in_place(sender, app_config=None, **kwargs):
    # Once per migrate or flush: at the last app's post_migrate, when every permission exists.
    from django.apps import apps

    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if app_config is not None and app_config is with_models[-1]:
        roles.ensure_roles()


def connect():
    """The page and navigation caches wire themselves (movement.pagecache.signals)."""
