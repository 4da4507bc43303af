"""The editors' workflow in the Django admin (the site itself, with the desk, is articles/admin_site.py: outside this package, so that loading it registers nothing twice)."""
from . import claims, entities, matching, web  # noqa: F401  (registers the model admins)
