"""Wiring only: settings from the environment, URLs, WSGI/ASGI, date formats per language, and the home and
/healthz views."""
