"""Work on trainings that touches several models: saving the whole session page (plans are launched by actionplans)."""

from django.db import IntegrityError, transaction

from organizations.models import Organization
from sessions_log.models import DiscussionTopic, TrainingSession


class AlreadySaved(Exception):
    """The page's one-time token was used before: the session it saved is ``session``."""

    def __init__(self, session):
        super().__init__(session.pk)
        self.session = session


def training_session_save(*, form, formsets, by):
    """Save the session page (session and every formset) in one transaction and return the session.

    Organizations and questions typed into the rows are created here, inside the same transaction.
    A token that already saved a session raises AlreadySaved instead of saving twice.
    """
    token = form.cleaned_data["form_token"]
    earlier = TrainingSession.objects.filter(submission_token=token).first()
    if earlier:
        raise AlreadySaved(earlier)
    try:
        with transaction.atomic():
            return _save(form=form, formsets=formsets, token=token, by=by)
    except IntegrityError:
        # A second click that raced the first one past the check above loses on the unique token.
        earlier = TrainingSession.objects.filter(submission_token=token).first()
        if earlier:
            raise AlreadySaved(earlier) from None
        raise


def _save(*, form, formsets, token, by):
    session = form.save(commit=False)
    if session.pk:
        # Serialises two saves of the same session on PostgreSQL; the second sees the first's token.
        current = TrainingSession.objects.select_for_update().get(pk=session.pk)
        if current.submission_token == token:
            raise AlreadySaved(current)
    else:
        session.created_by = by
    session.submission_token = token
    session.save()
    for formset in formsets.values():
        formset.instance = session
    for attendance_form in formsets["attendances"].live_forms():
        name = attendance_form.cleaned_data.get("new_organization_name")
        if name and not attendance_form.cleaned_data.get("organization"):
            attendance_form.instance.organization = Organization.objects.create(
                name=name, kind=attendance_form.cleaned_data["new_organization_kind"]
            )
    for position, topic_form in enumerate(formsets["session_topics"].live_forms(), start=1):
        question = topic_form.cleaned_data.get("new_question")
        if question and not topic_form.cleaned_data.get("topic"):
            topic_form.instance.topic = DiscussionTopic.objects.create(
                question=question, theme=topic_form.cleaned_data.get("new_theme") or ""
            )
        if topic_form.cleaned_data.get("order") is None:
            topic_form.instance.order = position
    for position, finding_form in enumerate(formsets["findings"].live_forms(), start=1):
        finding_form.instance.order = position
    for formset in formsets.values():
        formset.save()
    return session
