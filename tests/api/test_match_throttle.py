"""D16: the match endpoint is limited by what it costs (its text's length), for anonymous and
signed-in clients, so a flood of long texts inside the request rate gets 429s."""
import pytest
from django.core.cache import cache

from articles.api.throttles import MatchCostThrottle

LONG = ("waiting lists have halved since last spring in every region " * 400)[:19_500]  # 20 units


@pytest.fixture
def budget(monkeypatch):
    cache.clear()
    monkeypatch.setattr(MatchCostThrottle, "THROTTLE_RATES",
                        {"match_anon": "60/minute", "match_user": "600/minute", "anon": "100000/minute"})
    yield
    cache.clear()


def match(api, text, **extra):
    return api.post("/api/v1/factchecks/match/", {"text": text, "limit": 50}, format="json", **extra)


def test_long_anonymous_texts_spend_the_budget_fast(api, db, budget):
    codes = [match(api, LONG).status_code for _ in range(10)]
    assert codes[:3] == [200] * 3 and set(codes[3:]) == {429}
    r = match(api, LONG)
    assert 0 < int(r["Retry-After"]) <= 60
    # Another address has its own budget.
    assert match(api, LONG, REMOTE_ADDR="198.51.100.7").status_code == 200


def test_short_anonymous_texts_are_many(api, db, budget):
    codes = [match(api, "the border wall costs 25 billion dollars").status_code for _ in range(60)]
    assert codes == [200] * 60
    assert match(api, "one more").status_code == 429
    # GET counts the same way.
    assert api.get("/api/v1/factchecks/match/", {"text": "x"}).status_code == 429


def test_signed_in_users_have_a_larger_budget_of_their_own(api, db, editor, budget):
    for _ in range(3):
        match(api, LONG)
    assert match(api, LONG).status_code == 429  # the address's anonymous budget is spent
    api.force_authenticate(editor)
    codes = [match(api, LONG).status_code for _ in range(31)]
    assert codes[:30] == [200] * 30 and codes[30] == 429


def test_a_text_over_the_cap_is_a_400_not_a_throttle(api, db, budget):
    assert match(api, "x" * 20_001).status_code == 400
