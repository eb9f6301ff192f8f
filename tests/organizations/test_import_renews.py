"""Back-office imports write their rows in bulk, without signals: the pages cached under a stamp of those rows'
models show them on the next visit all the same (core.imports renews the stamps)."""

from organizations.models import HeadcountSnapshot, Organization
from sessions_log.models import DiscussionTopic
from tests.backoffice.test_imports import CSV, ORGANIZATIONS, csv_bytes, import_file


def main(response):
    page = response.content.decode()
    return page[page.index("<main") : page.index("</main>")]


def test_organizations_imported_are_listed_on_the_next_visit(client_for, admin_user):
    client = client_for(admin_user)
    assert "Women of Naryn" not in main(client.get("/organizations/"))
    import_file(client, Organization, "partners.csv", csv_bytes(ORGANIZATIONS))
    assert "Women of Naryn" in main(client.get("/organizations/"))


def test_questions_imported_join_the_library_on_the_next_visit(client_for, admin_user):
    client = client_for(admin_user)
    assert "What is gender to you?" not in main(client.get("/topics/"))
    rows = [["Question", "Theme", "Active"], ["What is gender to you?", "Basics", "yes"]]
    import_file(client, DiscussionTopic, "topics.csv", csv_bytes(rows), CSV)
    assert "What is gender to you?" in main(client.get("/topics/"))


def test_a_headcount_imported_shows_on_the_profile_on_the_next_visit(client_for, admin_user, org_a):
    client = client_for(admin_user)
    assert "Governing body" not in main(client.get(org_a.get_absolute_url()))
    rows = [["Organization", "As of", "Level", "Women", "Men"], [org_a.name, "2025-01-01", "governing", "2", "2"]]
    import_file(client, HeadcountSnapshot, "profile.csv", csv_bytes(rows))
    assert "Governing body" in main(client.get(org_a.get_absolute_url()))
