"""Moved to :mod:`articles.entities.services`. This old path stays for one round, so branches merged
alongside keep working: it is the same module object (patching either name patches both)."""
import sys

from articles.entities import services as _moved

sys.modules[__name__] = _moved
