"""Web pages in: fetch.py fetches an address safely, page.py turns a page's HTML into an article
(and the seed-format text the importer reads). No Django import in this package."""
