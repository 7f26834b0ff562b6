from django.apps import AppConfig


class MovementConfig(AppConfig):
    name = "movement"
    verbose_name = "Radicale vernieuwing"

    def ready(self):
        from movement import checks, signals  # noqa: F401 - checks register themselves

        signals.connect()
