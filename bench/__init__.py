"""The benchmark behind `make bench`: a deterministic dataset at 1x, 10x or 100x the demo on a throwaway
PostgreSQL, served by gunicorn, every main page per role and the exports measured against a trivial view and
their floors. A tool, not a test and not an app: nothing imports it, and it may import every app (top layer).
"""
