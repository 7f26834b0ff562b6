"""Create a local admin account for development. Refuses to run outside dev settings."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
PASSWORD = "radicaal-lokaal"  # noqa: S105 - development only, printed on purpose


class Command(BaseCommand):
    help = "Create the local development admin account and print its credentials."

    def handle(self, *args, **options):
        if not settings.DEBUG or not settings.SETTINGS_MODULE.endswith(".dev"):
            raise CommandError("ensure_dev_admin only runs with movement.settings.dev.")
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=USERNAME,
            defaults={"email": "admin@example.invalid", "is_staff": True, "is_superuser": True},
        )
        if created:
            user.set_password(PASSWORD)
            user.save()
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin: http://127.0.0.1:8000/admin/  user: {USERNAME}  password: {PASSWORD}"
            )
        )
