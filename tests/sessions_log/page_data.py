"""POST data for the session page, as the browser sends it: the session's fields plus five formsets."""

import uuid

PREFIXES = ("facilitators", "attendances", "topics", "stories", "findings")


def session_page_data(session=None, token=None, initial=None, **rows):
    """Build the POST of the session page.

    ``session`` overrides the session's own fields; each of ``facilitators``, ``attendances``, ``topics``,
    ``stories``, ``findings`` is a list of dicts (a row's fields); ``initial`` gives INITIAL_FORMS per prefix.
    """
    data = {
        "title": "Gender mainstreaming in organizations",
        "start_date": "2021-11-18",
        "end_date": "2021-11-18",
        "format": "online",
        "status": "held",
        "venue": "Zoom",
        "language": "Russian, English",
        "host_organization": "",
        "summary": "",
        "form_token": str(token or uuid.uuid4()),
        **(session or {}),
    }
    initial = initial or {}
    for prefix in PREFIXES:
        items = rows.get(prefix, [])
        data[f"{prefix}-TOTAL_FORMS"] = str(len(items))
        data[f"{prefix}-INITIAL_FORMS"] = str(initial.get(prefix, 0))
        data[f"{prefix}-MIN_NUM_FORMS"] = "0"
        data[f"{prefix}-MAX_NUM_FORMS"] = "1000"
        for index, item in enumerate(items):
            for key, value in item.items():
                if isinstance(value, list):
                    data[f"{prefix}-{index}-{key}"] = value
                else:
                    data[f"{prefix}-{index}-{key}"] = "" if value is None else str(value)
    return data


def attendance(organization=None, women=0, men=0, not_stated=0, **extra):
    return {
        "organization": organization.pk if organization else "",
        "women": women,
        "men": men,
        "not_stated": not_stated,
        **extra,
    }
