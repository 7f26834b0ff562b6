"""Background tasks (Django Tasks): the request only enqueues, a worker sends."""

from django_tasks import task


@task()
def send_signup_email(email_id):
    """Send one e-mail from the outbox; failures are recorded and retried, never raised."""
    from events.emails import deliver

    return deliver(email_id)
