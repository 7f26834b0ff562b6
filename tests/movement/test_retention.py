"""The retention policy (issue 12): `purge_personal_data` on a dataset with every kind of personal
data at every age leaves exactly what the policy (and the privacy page) promise."""

import datetime as dt
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.models import ModelLogEntry, Revision

from events.models import SignUp
from movement import retention
from movement.outbox import OutgoingEmail, queue_mail
from streams.models import JoinApplication
from tests.support.factories import (
    MeetupIndexPageFactory,
    MeetupPageFactory,
    ParticipantIndexPageFactory,
    ParticipantPageFactory,
    SignUpFactory,
)

pytestmark = pytest.mark.django_db
NOW = timezone.now()


def ago(days):
    return NOW - dt.timedelta(days=days)


def meetup_ended(index, days_ago):
    start = ago(days_ago) - dt.timedelta(hours=2)
    return MeetupPageFactory(parent=index, start=start, end=ago(days_ago))


def participant_from_application(index, *, published_days_ago=None, public=False, age=10):
    page = ParticipantPageFactory(
        parent=index,
        live=False,
        contact_name="Fatima el Amrani",
        contact_email="fatima@example.org",
        contact_public=public,
    )
    page.save_revision()
    if published_days_ago is not None:
        page.save_revision().publish()
        type(page).objects.filter(pk=page.pk).update(first_published_at=ago(published_days_ago))
    application = JoinApplication.objects.create(
        participant=page,
        organisation=page.title,
        contact_name="Fatima el Amrani",
        email="fatima@example.org",
        city="Zwolle",
        motivation="Wij willen meedoen.",
    )
    JoinApplication.objects.filter(pk=application.pk).update(created_at=ago(age))
    return page, application


@pytest.fixture
def dataset(home):
    meetups = MeetupIndexPageFactory(parent=home)
    participants = ParticipantIndexPageFactory(parent=home)
    data = {}
    # Sign-ups: meet-up ended 40 days ago (goes), 10 days ago (stays), coming (stays).
    for name, days_ago in (("old", 40), ("recent", 10), ("coming", -5)):
        meetup = meetup_ended(meetups, days_ago)
        signup = SignUpFactory(meetup=meetup, name=f"Naam {name}", email=f"{name}@example.org")
        data[f"signup_{name}"] = signup
        mail = queue_mail(
            signup.email, "Aangemeld", "Beste ...", kind="confirmation", related_object=signup
        )
        OutgoingEmail.objects.filter(pk=mail.pk).update(created_at=ago(max(days_ago, 0) + 2))
        ModelLogEntry.objects.log_action(signup, "wagtail.edit")  # as the admin does
    # A mail unrelated to a sign-up, 40 days old (goes) and 2 days old (stays).
    for days_ago in (40, 2):
        mail = queue_mail("loc@example.org", "Nieuwe aanmelding", "...", kind="join_notice")
        OutgoingEmail.objects.filter(pk=mail.pk).update(created_at=ago(days_ago))
    # Join applications.
    data["app_rejected_old"] = JoinApplication.objects.create(
        organisation="Afgewezen",
        contact_name="Piet",
        email="piet@example.org",
        city="Ede",
        motivation="...",
    )
    JoinApplication.objects.filter(pk=data["app_rejected_old"].pk).update(created_at=ago(60))
    data["page_published_old"], data["app_published_old"] = participant_from_application(
        participants, published_days_ago=45, age=50
    )
    data["page_published_new"], data["app_published_new"] = participant_from_application(
        participants, published_days_ago=5, age=8
    )
    data["page_public"], data["app_public"] = participant_from_application(
        participants, published_days_ago=5, public=True, age=8
    )
    data["page_draft"], data["app_draft"] = participant_from_application(participants, age=20)
    data["page_forgotten"], data["app_forgotten"] = participant_from_application(
        participants, age=200
    )
    # Task results: finished 20 days ago (goes), 2 days ago (stays), still queued (stays).
    for label, finished in (("old", ago(20)), ("new", ago(2)), ("queued", None)):
        DBTaskResult.objects.create(
            task_path="movement.outbox.send_outgoing_email",
            args_kwargs={"args": [1], "kwargs": {}},
            status="SUCCESSFUL" if finished else "READY",
            finished_at=finished,
            queue_name="default",
            backend_name="default",
            priority=0,
            run_after=None,
            return_value=label,
        )
    # Search queries: one only searched 40 days ago (goes), one recently (stays), one old but
    # promoted by an editor (its old daily hits go, the query stays).
    for text, days_ago in (("oud", 40), ("nieuw", 3), ("gepromoot", 40)):
        query = Query.get(text)
        query.add_hit(date=ago(days_ago).date())
    SearchPromotion.objects.create(
        query=Query.get("gepromoot"),
        external_link_url="https://example.org",
        external_link_text="x",
    )
    return data


def test_purge_personal_data_leaves_exactly_what_the_policy_promises(dataset):
    out = StringIO()
    call_command("purge_personal_data", stdout=out)
    data = dataset

    assert set(SignUp.objects.values_list("name", flat=True)) == {"Naam recent", "Naam coming"}
    assert sorted(OutgoingEmail.objects.values_list("to", flat=True)) == [
        "coming@example.org",
        "loc@example.org",
        "recent@example.org",
    ]
    signup_type = ContentType.objects.get_for_model(SignUp)
    labels = set(
        ModelLogEntry.objects.filter(content_type=signup_type).values_list("label", flat=True)
    )
    assert labels == {
        f"Aanmelding #{data[k].pk}" for k in ("signup_old", "signup_recent", "signup_coming")
    }
    assert not any(
        "Naam" in str(e.data) for e in ModelLogEntry.objects.filter(content_type=signup_type)
    )

    assert set(JoinApplication.objects.values_list("pk", flat=True)) == {
        data["app_published_new"].pk,
        data["app_public"].pk,
        data["app_draft"].pk,
    }

    def contact(page):
        page.refresh_from_db()
        in_revisions = {
            (r.content.get("contact_name"), r.content.get("contact_email"))
            for r in Revision.page_revisions.filter(object_id=str(page.pk))
        }
        return (page.contact_name, page.contact_email), in_revisions

    blank = (("", ""), {("", "")})
    assert contact(data["page_published_old"]) == blank
    assert contact(data["page_published_new"]) == blank  # reviewed: details go at once
    assert contact(data["page_forgotten"]) == blank
    kept = ("Fatima el Amrani", "fatima@example.org")
    assert contact(data["page_public"]) == (kept, {kept})  # they agreed to show them
    assert contact(data["page_draft"]) == (kept, {kept})  # not reviewed yet

    assert sorted(DBTaskResult.objects.values_list("return_value", flat=True)) == ["new", "queued"]
    assert set(Query.objects.values_list("query_string", flat=True)) == {"nieuw", "gepromoot"}
    assert list(QueryDailyHits.objects.values_list("query__query_string", flat=True)) == ["nieuw"]
    assert "sign-ups: 1 removed" in out.getvalue()

    # Idempotent: a second run removes nothing and changes nothing.
    again = StringIO()
    call_command("purge_personal_data", stdout=again)
    assert all(line.split(": ")[1].startswith("0 ") for line in again.getvalue().splitlines())


def test_dry_run_counts_and_changes_nothing(dataset):
    before = (
        SignUp.objects.count(),
        JoinApplication.objects.count(),
        OutgoingEmail.objects.count(),
    )
    out = StringIO()
    call_command("purge_personal_data", dry_run=True, stdout=out)
    assert (
        SignUp.objects.count(),
        JoinApplication.objects.count(),
        OutgoingEmail.objects.count(),
    ) == before
    text = out.getvalue()
    assert "sign-ups: 1 would be removed" in text
    assert "join applications: 3 would be removed" in text
    assert "task results: 1 would be removed" in text


def test_every_rule_is_on_the_privacy_page_table():
    table = retention.policy_table_html("nl")
    assert table.count("<tr>") == len(retention.RULES) + 1
    for rule in retention.RULES:
        assert rule.what["nl"] in table.replace("&#x27;", "'")
    assert {"signups", "join_applications", "outbox", "task_results", "search_queries"} <= {
        rule.key for rule in retention.RULES
    }
