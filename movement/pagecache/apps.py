from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "movement.pagecache"
    label = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from movement.pagecache import memo, signals

        signals.connect()
        memo.install()
