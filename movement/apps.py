from django.apps import AppConfig


class MovementConfig(AppConfig):
    name = "movement"
    verbose_name = "Radicale vernieuwing"

    def ready(self):
        from movement import signals

        signals.connect()
