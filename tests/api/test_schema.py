"""The API documents itself: an OpenAPI 3 schema and browsable docs whose assets are served by the app (no CDN)."""

import re

import yaml
from django.contrib.staticfiles import finders


def test_the_schema_is_openapi_3_and_lists_every_endpoint(client, db):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    paths = set(schema["paths"])
    assert {
        "/api/organizations/",
        "/api/organizations/{id}/headcounts/",
        "/api/plans/{id}/",
        "/api/actions/{id}/",
        "/api/indicators/{id}/measurements/",
        "/api/reports/{name}/",
    } <= paths
    assert schema["components"]["securitySchemes"]["tokenAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": schema["components"]["securitySchemes"]["tokenAuth"]["description"],
    }
    plan_list = schema["paths"]["/api/plans/"]["get"]
    assert {"year", "status", "organization", "kind", "region", "updated_since", "cursor"} <= {
        parameter["name"] for parameter in plan_list["parameters"]
    }
    assert {"400", "401", "403", "404", "429"} <= set(plan_list["responses"])
    assert "409" in schema["paths"]["/api/indicators/{id}/measurements/"]["post"]["responses"]
    assert "story" not in response.content.decode().lower()


def test_the_docs_load_their_assets_from_the_app_not_a_cdn(client, db):
    for url in ("/api/docs/",):
        page = client.get(url).content.decode()
        sources = re.findall(r'(?:src|href)="([^"]+)"', page)
        assert sources, url
        for source in sources:
            assert source.startswith("/"), f"{url} loads {source}"
        # The set-up script is its own file (no inline script under the CSP) and points at the schema.
        assert '<script src="/api/docs/?script="></script>' in page
        assert "/api/schema/" in client.get(url, {"script": ""}).content.decode()
    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")


def test_the_schema_generates_without_a_warning_and_validates(tmp_path, db):
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))
    schema = yaml.safe_load((tmp_path / "schema.yaml").read_text())
    assert "PlanStatusEnum" in schema["components"]["schemas"]
    # JSON only: the nested writes have no form encoding, so the schema offers none.
    body = schema["paths"]["/api/organizations/{id}/headcounts/"]["post"]["requestBody"]["content"]
    assert set(body) == {"application/json"}


def test_a_page_size_out_of_range_is_a_400(client_for, partner):
    client = client_for(partner)
    assert client.get("/api/plans/?page_size=2").status_code == 200
    for value in ("0", "501", "null"):
        response = client.get(f"/api/plans/?page_size={value}")
        assert response.status_code == 400 and response.json() == {"page_size": ["Give a number from 1 to 500."]}
