"""Your data: a person's account as a JSON file (and goals with steps as CSV), and back.

- ``services``: the entry points, ``account_export(*, user)``, ``goals_csv_rows(*, user)``
  and ``account_import(*, user, data)``. Views and the ``import_account`` command call
  only these.
- ``export``: what each part of goals looks like in the file, and the CSV.
- ``restore``: reading a file back, object by object, with the bounds every form applies.
- ``sections``: the registry where higher apps add their parts of the file
  (accountability's comments, feedback, partnerships ...), from their ``AppConfig.ready()``.
"""
