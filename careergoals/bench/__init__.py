"""The benchmark (``manage.py benchmark``): the site under gunicorn and load, the sweep, delivery
and the write paths, each measured in one run and written to JSON (issue 11).

Nothing here is imported by the site: ``settings`` and ``urls`` are selected only by the
benchmark's own gunicorn and worker, through ``DJANGO_SETTINGS_MODULE``.
"""
