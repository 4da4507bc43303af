"""Structure gates: no function over 80 lines outside the listed modules still to be split, and
the exception lists only shrink (each listed module must still need its exception)."""
import ast
import tomllib

from tests.conftest import ROOT

LIMIT = 80


def long_functions():
    out = {}
    for path in sorted((ROOT / "articles").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > LIMIT:
                    out.setdefault(str(path.relative_to(ROOT)), []).append((node.name, length))
    return out


def test_no_function_over_80_lines_outside_the_listed_modules():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    allowed = set(config["tool"]["claimsdb"]["long-function-modules"])
    found = long_functions()
    assert set(found) <= allowed, {k: v for k, v in found.items() if k not in allowed}
    # A listed module that no longer needs its exception must leave the list.
    assert allowed <= set(found), allowed - set(found)


def _imported(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
        elif isinstance(node, ast.Import):
            yield from (a.name for a in node.names)


def test_no_migration_imports_live_code():
    """A migration gives the same rows whatever the product's code becomes: it imports Django and
    libraries, never articles/claimsdb/public modules (a function it needs is frozen inside it)."""
    found = {p.name: m for p in sorted((ROOT / "articles" / "migrations").glob("0*.py")) for m in _imported(p)
             if m.split(".")[0] in ("articles", "claimsdb", "public")}
    assert not found, found


def test_no_product_module_over_700_lines_but_the_extraction_ones_being_split():
    # extraction/claims.py is being split by the extraction issue.
    sizes = {str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines())
             for pkg in ("articles", "public", "claimsdb") for p in (ROOT / pkg).rglob("*.py") if "migrations" not in p.parts}
    assert {p: n for p, n in sizes.items() if n > 700} == {}


def test_moved_modules_keep_their_old_names_for_one_round():
    """Branches merged alongside this one still import the old paths: each is the moved module
    itself (patching either name patches both), or re-exports it."""
    import articles.entities.identity
    import articles.entities.merge
    import articles.entities.services
    import articles.services.entities
    import articles.services.identity
    import articles.services.merge
    from articles.ingestion import persistence
    from articles.publishing import selectors as publishing_selectors
    from articles.selectors import published
    from articles.services import importer

    assert articles.services.merge is articles.entities.merge
    assert articles.services.identity is articles.entities.identity
    assert articles.services.entities is articles.entities.services
    assert published.published_checks is publishing_selectors.published_checks
    assert importer.reextract is persistence.reextract and importer.RunCache is persistence.RunCache
