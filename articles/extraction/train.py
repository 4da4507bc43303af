"""``python -m articles.extraction.train``: see :mod:`articles.extraction.learned.train`."""
from .learned.train import main

if __name__ == "__main__":
    raise SystemExit(main())
