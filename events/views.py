"""Public views of meet-ups, served through the pages' routes (RoutablePageMixin in models.py)."""

import json

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.cache import add_never_cache_headers

from events import ics, registration
from events.forms import SignUpForm
from events.listings import meetup_filters
from events.models import MeetupPage, MeetupSeries, SignUp, meetup_cards, with_signup_counts
from movement.listing import redirect_old_names
from movement.models import SiteSettings, Theme
from movement.pagecache.pages import kept_html, kept_links
from movement.spam import is_rate_limited, too_many_requests
from movement.urls_public import page_url
from streams.models import StreamPage


def in_locale(objects, model, locale, **extra):
    """The `locale` versions of translatable objects (content links to the Dutch ones), in at
    most one extra query; an object without a translation is shown as it is."""
    objects = list(objects)
    if not objects or all(obj.locale_id == locale.pk for obj in objects):
        return objects
    keys = [obj.translation_key for obj in objects]
    found = {
        obj.translation_key: obj
        for obj in model.objects.filter(translation_key__in=keys, locale=locale, **extra)
    }
    return [found.get(obj.translation_key, obj) for obj in objects]


def listing_base(index):
    return with_signup_counts(
        MeetupPage.objects.live().public().child_of(index).select_related("image")
    )


def meetup_listing(index, request, archive):
    """Upcoming meet-ups (or the archive), filtered by the one listing engine (movement.listing)."""
    if redirect := redirect_old_names(request):
        return redirect
    now = timezone.now()
    meetups = MeetupPage.objects.live().public().child_of(index)
    meetups = meetups.filter(end__lt=now) if archive else meetups.filter(end__gte=now)
    streams = StreamPage.in_locale(index.locale)
    # The archive grows as meet-ups end: its counts are not kept (see meetup_filters).
    cache_as = None if archive else ("meetups", index.pk)
    listing = meetup_filters(request.GET, meetups, streams, index.locale, cache_as=cache_as)
    order = ("-start", "-pk") if archive else ("start", "pk")
    listing.show(
        with_signup_counts(listing.results.defer_streamfields().order_by(*order)),
        fetch=meetup_cards,  # upcoming: the order is kept with the counts; the page read by id
    )
    context = listing.context()
    response = index.render(
        request,
        context_overrides={
            **context,
            "archive": archive,
            "filtered": listing.active,
            "meetups": context["results"].object_list,
            "page_obj": context["results"],
            "archive_url": index.url + index.reverse_subpage("archive"),
            "feed_url": index.url + index.reverse_subpage("feed"),
            "streams": streams,
        },
    )
    if listing.invalid_filters:
        response.status_code = 400
    return response


def series_listing(index, request, slug):
    series = (
        MeetupSeries.objects.filter(slug=slug, locale=index.locale).first()
        or MeetupSeries.objects.filter(slug=slug).first()
    )
    if series is None:
        raise Http404
    meetups = listing_base(index).filter(series__translation_key=series.translation_key)
    now = timezone.now()
    return index.render(
        request,
        template="events/series_page.html",
        context_overrides={
            "series": series,
            "upcoming": list(meetups.filter(end__gte=now).order_by("start", "pk")[:100]),
            "past": list(meetups.filter(end__lt=now).order_by("-start", "-pk")[:100]),
        },
    )


def ical_feed(index, request, stream_slug=None):
    meetups = (
        MeetupPage.objects.live()
        .public()
        .child_of(index)
        .filter(end__gte=timezone.now())
        .order_by("start", "pk")
    )
    name = f"{index.title} – Radicale vernieuwing"
    if stream_slug:
        stream = StreamPage.objects.live().filter(slug=stream_slug, locale=index.locale).first()
        if stream is None:
            raise Http404
        meetups = meetups.filter(streams__translation_key=stream.translation_key)
        name = f"{stream.title} – {name}"
    events = [ics.event_for(meetup, url=page_url(meetup)) for meetup in meetups[:500]]
    response = HttpResponse(ics.calendar_for(events, name=name), content_type="text/calendar")
    response["Content-Disposition"] = 'inline; filename="meet-ups.ics"'
    return response


def meetup_ics(page, request):
    event = ics.event_for(page, url=page_url(page))
    response = HttpResponse(ics.calendar_for([event]), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="{page.slug}.ics"'
    return response


# What django.utils.html.json_script escapes, so that the data cannot close its <script> block.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld(page, request, state, host=None):
    """schema.org Event, escaped for a <script type="application/ld+json"> data block; `host` is
    the organising participant in the page's language."""
    url = page_url(page)
    status = {
        MeetupPage.Status.SCHEDULED: "EventScheduled",
        MeetupPage.Status.CANCELLED: "EventCancelled",
        MeetupPage.Status.MOVED_ONLINE: "EventMovedOnline",
    }[page.status]
    online = page.is_online
    mode = "Online" if online else ("Mixed" if page.is_hybrid else "Offline")
    if online:
        location = {"@type": "VirtualLocation", "url": url}
    else:
        location = {
            "@type": "Place",
            "name": page.venue_name or page.city,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": page.address,
                "postalCode": page.postcode,
                "addressLocality": page.city,
                "addressRegion": page.get_province_display(),
                "addressCountry": "NL",
            },
        }
    organizer = (
        {"@type": "Organization", "name": host.title, "url": page_url(host)}
        if host
        else {"@type": "Organization", "name": "Radicale vernieuwing"}
    )
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "description": page.summary,
        "url": url,
        "startDate": timezone.localtime(page.start).isoformat(),
        "endDate": timezone.localtime(page.end).isoformat(),
        "eventStatus": f"https://schema.org/{status}",
        "eventAttendanceMode": f"https://schema.org/{mode}EventAttendanceMode",
        "location": location,
        "organizer": organizer,
        "isAccessibleForFree": True,
        "inLanguage": page.locale.language_code,
        "offers": {
            "@type": "Offer",
            "price": "0",
            "priceCurrency": "EUR",
            "url": url,
            "availability": "https://schema.org/"
            + ("InStock" if state.code == "open" else "SoldOut"),
        },
    }
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES))  # noqa: S308


def meetup_links(page):
    """What a meet-up page shows of other content, in the page's language."""
    locale = page.locale
    host = in_locale([page.host], type(page.host), locale)[0] if page.host_id else None
    series = in_locale([page.series], MeetupSeries, locale)[0] if page.series_id else None
    report = None
    if page.report_id:
        report = in_locale([page.report], type(page.report), locale, live=True)[0]
        report = report if report.live else None
    index = page.get_parent().specific
    return {
        "streams": in_locale(page.streams.all(), StreamPage, locale),
        "themes": in_locale(page.themes.all(), Theme, locale),
        "keywords": list(page.keywords.all()),
        "host": host,
        "series": series,
        "series_url": index.url + index.reverse_subpage("series", args=[series.slug])
        if series
        else None,
        "report": report,
        "index": index,
    }


def detail_context(page, request, form=None, state=None):
    """The meet-up page's context; `form` is a sign-up form sent back (None: an empty one, whose
    HTML is kept)."""
    if state is None:
        state = registration.registration_state(page.source)
    links = kept_links(page, request, lambda: meetup_links(page))
    privacy = SiteSettings.for_request(request).privacy_page
    if privacy is not None:
        privacy = privacy.localized
    blank_form = None
    if form is None and state.accepts_signups:
        blank_form = kept_html(
            "signup-form",
            "events/includes/signup_form.html",
            lambda: {"form": SignUpForm(), "state": state, "privacy_page": privacy},
            page,
            request,
            state.code,  # the button says "waiting list" or not
        )
    return {
        **links,
        "state": state,
        "form": form,
        "blank_signup_form": blank_form,
        "privacy_page": privacy,
        "ics_url": page.url + page.reverse_subpage("ics"),
        "json_ld": json_ld(page, request, state, links["host"]),
    }


SIGNED_UP_PARAM = "aangemeld"
SIGNED_UP_COOKIE = "signed_up"


def meetup_detail(page, request):
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    if request.method != "POST":
        if SIGNED_UP_PARAM in request.GET:
            return done(page, request)
        return page.render(request, context_overrides=detail_context(page, request))
    form = SignUpForm(request.POST)
    if is_rate_limited(request, "signup"):
        return too_many_requests(request, "signup", form=form, page=page)
    if form.is_spam():
        # Looks like success to the bot; nothing is stored or sent.
        return signed_up(page, request, "")
    if not form.is_valid():
        response = page.render(request, context_overrides=detail_context(page, request, form))
        response.status_code = 400
        return response
    data = form.cleaned_data
    try:
        registration.sign_up(
            page,
            name=data["name"],
            email=data["email"],
            role=data["role"],
            organisation=data["organisation"],
            access_needs=data["access_needs"],
            remarks=data["remarks"],
            language=page.locale.language_code,
        )
    except registration.RegistrationClosed as closed:
        context = detail_context(page, request, form, state=closed.state)
        context["closed_on_submit"] = True
        response = page.render(request, context_overrides=context)
        response.status_code = 409
        return response
    return signed_up(page, request, data["email"])


def signed_up(page, request, email):
    """Post/redirect/get: a reload of the thank-you page never signs up twice. The address goes
    along in a short-lived signed cookie for this page only, never in the URL."""
    response = HttpResponseRedirect(f"{page.url}?{SIGNED_UP_PARAM}=1", status=303)
    response.set_signed_cookie(
        SIGNED_UP_COOKIE,
        email[:254],
        salt=SIGNED_UP_COOKIE,
        max_age=15 * 60,
        path=page.url,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def done(page, request):
    email = request.get_signed_cookie(
        SIGNED_UP_COOKIE, default="", salt=SIGNED_UP_COOKIE, max_age=15 * 60
    )
    response = TemplateResponse(
        request,
        "events/signup_done.html",
        {"page": page, "self": page, "email": email, "index": page.get_parent()},
    )
    add_never_cache_headers(response)
    response.delete_cookie(SIGNED_UP_COOKIE, path=page.url)
    return response


def cancel_signup(index, request, token):
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    signup = None
    if len(token) <= 64:
        signup = SignUp.objects.select_related("meetup").filter(cancel_token=token).first()
    context = {"page": index, "self": index, "signup": signup}
    status = 200
    if signup is None:
        context["outcome"], status = "unknown", 404
    else:
        meetup = signup.meetup.in_language(index.locale.language_code)
        context["meetup"] = meetup
        if signup.status == SignUp.Status.CANCELLED:
            context["outcome"], status = "used", 410
        elif signup.meetup.end < timezone.now():
            context["outcome"], status = "past", 410
        elif request.method == "POST":
            registration.cancel(signup)
            context["outcome"] = "cancelled"
        else:
            context["outcome"] = "confirm"
    response = TemplateResponse(request, "events/cancel.html", context, status=status)
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response
