"""Point the default Wagtail Site at the public base URL (WAGTAILADMIN_BASE_URL), so every full
URL Wagtail builds (sitemap, previews) agrees with the links in e-mails and feeds."""

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from movement.urls_public import base_url, site_host_and_port


class Command(BaseCommand):
    help = "Set the default Site's hostname and port from WAGTAILADMIN_BASE_URL."

    def handle(self, *args, **options):
        if not base_url():
            raise CommandError("WAGTAILADMIN_BASE_URL is not set")
        hostname, port = site_host_and_port()
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("There is no default site yet (run migrate or load_demo first)")
        if (site.hostname, site.port) != (hostname, port):
            site.hostname, site.port = hostname, port
            site.save()
            self.stdout.write(f"Site set to {site.root_url}")
        else:
            self.stdout.write(f"Site already at {site.root_url}")
