from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "movement.pagecache"
    label = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from movement.pagecache import signals

        signals.connect()
