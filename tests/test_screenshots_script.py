"""scripts/screenshots.py regenerates docs/screenshots/ from the browser tests: every picture it
copies is taken by the test it names, and every picture in docs/screenshots/ has its test."""
import ast
import importlib.util

from tests.conftest import ROOT


def load():
    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "scripts" / "screenshots.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def strings_in(test_id: str) -> set[str]:
    path, name = test_id.split("::")
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    # the test and the helpers it calls in its module (public_page_of takes the public pictures)
    funcs = {f.name: f for f in tree.body if isinstance(f, ast.FunctionDef)}
    seen, todo, out = set(), [name], set()
    while todo:
        f = funcs[todo.pop()]
        seen.add(f.name)
        for node in ast.walk(f):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                out.add(node.value)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in funcs \
                    and node.func.id not in seen:
                todo.append(node.func.id)
    return out


def test_every_picture_is_taken_by_the_test_the_script_runs():
    shots = load().SHOTS
    for picture, (test_id, widths) in shots.items():
        strings = strings_in(test_id)
        assert picture in strings or any(f"{picture}-{w}.png" in strings for w in widths), (picture, test_id)


def test_every_committed_screenshot_is_regenerated_by_the_script():
    module = load()
    committed = {p.name for p in (ROOT / "docs" / "screenshots").glob("*.png")}
    assert committed == set(module.files(list(module.SHOTS)))
