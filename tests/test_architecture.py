"""The folders show the architecture: imports only point down the layers below, and every app says what it owns.

A module may import its own app and the apps of lower layers, never an app of its own layer or above. Add a new
app to LAYERS where it belongs; a module of an app missing from LAYERS fails the test.
"""

import ast
from pathlib import Path

import pytest
from django.conf import settings

BASE = Path(settings.BASE_DIR)

# Top to bottom.
LAYERS = [
    {"config", "demo", "bench"},
    # exports keeps the files the task worker makes from every app's resources (admin exports, reports).
    {"dashboard", "api", "exports"},
    # The dashboard shows the self-assessment's distribution of scores, so assessments sits below it.
    {"assessments"},
    {"actionplans"},
    # notifications knows no domain: plans call notifications.services.notify() downward.
    {"sessions_log", "accounts", "notifications"},
    {"organizations"},
    {"core"},
]
LAYER_OF = {app: depth for depth, apps in enumerate(LAYERS) for app in apps}
PROJECT_APPS = sorted(app for app in LAYER_OF if (BASE / app).is_dir())


def modules():
    for app in PROJECT_APPS:
        for path in sorted((BASE / app).rglob("*.py")):
            yield app, path


def imported_apps(path):
    """The project apps a module imports (absolute imports; relative ones stay inside the app)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top in LAYER_OF:
                yield top, node.lineno


def test_every_import_points_down_the_layers():
    wrong = []
    for app, path in modules():
        for target, line in imported_apps(path):
            if target != app and LAYER_OF[target] <= LAYER_OF[app]:
                wrong.append(f"{path.relative_to(BASE)}:{line} ({app}) imports {target}")
    assert not wrong, "imports against the layers (top to bottom: {}):\n{}".format(
        " → ".join("/".join(sorted(apps)) for apps in LAYERS),
        "\n".join(wrong),
    )


def test_every_project_app_has_a_layer():
    local = {app.split(".")[0] for app in settings.INSTALLED_APPS if (BASE / app.split(".")[0]).is_dir()}
    assert local - set(LAYER_OF) == set()
    assert set(PROJECT_APPS) >= {"core", "organizations", "sessions_log", "actionplans", "dashboard", "demo"}


def test_the_layer_test_sees_a_wrong_import(tmp_path):
    """The walker itself: an upward import is found, a downward one is not."""
    module = tmp_path / "m.py"
    module.write_text("from actionplans.models import ActionPlan\nimport core.roles\nfrom . import x\n")
    assert list(imported_apps(module)) == [("actionplans", 1), ("core", 2)]


@pytest.mark.parametrize("app", PROJECT_APPS)
def test_every_app_says_what_it_owns(app):
    first = BASE / app / "apps.py"
    if not first.exists():
        first = BASE / app / "__init__.py"
    doc = ast.get_docstring(ast.parse(first.read_text(encoding="utf-8")))
    assert doc and len(doc.split()) >= 8, f"{first.relative_to(BASE)} needs a docstring saying what the app owns"
