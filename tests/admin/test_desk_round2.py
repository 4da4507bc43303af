"""The desk, round 2 (issue 27): the bugs a new user hit, and triage at a glance."""
import re
from html.parser import HTMLParser

import pytest
from django.contrib import admin

from articles.admin.highlight import Span, _render
from articles.models import Article, Claim, ClaimLink, ReviewEvent
from articles.services import links, review
from tests.admin.test_entities_admin import form_of
from tests.services.test_families import two_outlets  # noqa: F401  (fixture)


def listed_ids(html):
    return {int(i) for i in re.findall(r'/admin/articles/claim/(\d+)/change/', html)}


def test_an_articles_claim_count_opens_that_articles_claims(client, two_outlets, editor):  # noqa: F811
    client.force_login(editor)
    html = client.get("/admin/articles/article/").content.decode()
    arts = list(Article.objects.order_by("id"))
    assert len(arts) == 2
    for art in arts:
        m = re.search(rf'href="(/admin/articles/claim/\?article={art.pk})">(\d+)<', html)
        assert m, art.source_file
        own = set(art.claims.values_list("pk", flat=True))
        assert int(m.group(2)) == len(own) > 0
        page = client.get(m.group(1)).content.decode()
        assert listed_ids(page) == own  # the article's claims, and no other
        assert art.title[:30] in page  # the filter says which article
    assert "?organisation=" not in html
    # A bad value lists nothing rather than everything (or an error).
    assert listed_ids(client.get("/admin/articles/claim/?article=abc").content.decode()) == set()
    assert listed_ids(client.get("/admin/articles/claim/?article=424242").content.decode()) == set()
    assert listed_ids(client.get("/admin/articles/claim/?organisation=abc").content.decode()) == set()
    assert client.get("/admin/articles/claim/?article=99999999999999999999999").status_code == 200
    # The latest articles are offered in the filter without opening them from the articles list.
    listing = client.get("/admin/articles/claim/").content.decode()
    assert all(f"?article={a.pk}" in listing for a in arts)
    assert Claim.objects.count() > len(own)


class _Marks(HTMLParser):
    """The text inside each <mark> (by class), and whether any link opens inside another."""

    def __init__(self):
        super().__init__()
        self.open_marks, self.marks, self.links, self.nested_link = [], [], 0, False

    def handle_starttag(self, tag, attrs):
        if tag == "mark":
            self.open_marks.append([dict(attrs).get("class", ""), ""])
        elif tag == "a":
            self.nested_link |= self.links > 0
            self.links += 1

    def handle_endtag(self, tag):
        if tag == "mark":
            self.marks.append(tuple(self.open_marks.pop()))
        elif tag == "a":
            self.links -= 1

    def handle_data(self, data):
        for m in self.open_marks:
            m[1] += data


def marks_of(html):
    p = _Marks()
    p.feed(html)
    return p


def test_a_statistic_inside_a_quote_keeps_the_quotes_highlight_whole():
    body = "He said “prices rose by 12% last year, and more” today."
    q0, q1 = body.index("“"), body.index("”") + 1
    s0 = body.index("12%")
    html = _render(body, 0, [Span(q0, q1, "cdb-quote", "/claim/1/", "the quote"),
                             Span(s0, s0 + 3, "cdb-stat", "/stat/2/", "12%")])
    p = marks_of(html)
    assert not p.nested_link
    assert ("cdb-quote", body[q0:q1]) in p.marks and ("cdb-stat", "12%") in p.marks
    # The quote's words link to the quote; the statistic's to the statistic.
    assert re.findall(r'href="([^"]+)"[^>]*>([^<]*)<', html) == [
        ("/claim/1/", "“prices rose by "), ("/stat/2/", "12%"), ("/claim/1/", " last year, and more”")]


def test_the_article_page_highlights_whole_quotes_around_statistics(client, imported_seed, editor):
    inside = [(c, s) for c in imported_seed.claims.all() for s in imported_seed.statistics.all()
              if c.start <= s.start and s.end <= c.end and (c.start, c.end) != (s.start, s.end)]
    assert inside, "the seed has a statistic inside a claim"
    client.force_login(editor)
    html = client.get(f"/admin/articles/article/{imported_seed.pk}/change/").content.decode()
    p = marks_of(html)
    assert not p.nested_link
    body = imported_seed.body
    for claim, stat in inside:
        assert (f"cdb-{claim.kind}", body[claim.start:claim.end]) in p.marks
        assert ("cdb-stat", body[stat.start:stat.end]) in p.marks


def test_take_this_verdict_asks_first_and_shows_no_internal_id(client, two_outlets, editor):  # noqa: F811
    first = Claim.objects.filter(kind="quote", article__source_file="telegraph.txt", family__isnull=False).first()
    other = first.family.appearances.exclude(pk=first.pk).get()
    review.apply_review(first, editor, status=Claim.Status.CHECKED, verdict=Claim.Verdict.FALSE,
                        rationale="The transcript says otherwise.")
    first.evidence.create(url="https://example.org/transcript", title="Transcript")
    client.force_login(editor)
    url = f"/admin/articles/claim/{other.pk}/confirm-verdict/"
    page = client.get(f"/admin/articles/claim/{other.pk}/change/").content.decode()
    assert f'href="{url}"' in page  # a link to the confirmation, not a button that publishes
    # Opening the confirmation, or posting without confirming, changes nothing.
    confirm = client.get(url)
    assert confirm.status_code == 200
    text = confirm.content.decode()
    assert "False" in text and "The transcript says otherwise." in text and "https://example.org/transcript" in text
    assert "public" in text
    client.post(url)
    other.refresh_from_db()
    assert (other.status, other.verdict, other.version) == ("new", "", 0)
    # Confirmed: checked, the other check's words, and the relation kept as a link in both histories.
    r = client.post(url, {"confirm": "yes", "version": other.version, "source": first.pk})
    assert r.status_code == 302
    other.refresh_from_db()
    assert (other.status, other.verdict) == ("checked", "false")
    assert other.rationale == "The transcript says otherwise."
    assert ClaimLink.objects.filter(source=other, target=first, relation="repeats").exists()
    assert ReviewEvent.objects.filter(claim=first, changes__has_key="link").exists()
    public = client.get(f"/factchecks/{other.pk}/").content.decode()
    assert "The transcript says otherwise." in public
    assert f"#{first.pk}" not in public and f"claim {first.pk}" not in public.lower()
    feed = client.get("/factchecks/feed/rss/").content.decode()
    assert "The transcript says otherwise." in feed and f"#{first.pk}" not in feed


def test_take_this_verdict_from_a_stale_page_takes_nothing(client, two_outlets, editor):  # noqa: F811
    first = Claim.objects.filter(kind="quote", article__source_file="telegraph.txt", family__isnull=False).first()
    other = first.family.appearances.exclude(pk=first.pk).get()
    review.apply_review(first, editor, status=Claim.Status.CHECKED, verdict=Claim.Verdict.FALSE, rationale="No.")
    client.force_login(editor)
    seen = other.version
    review.apply_review(other, editor, rationale="Someone else's draft.")  # meanwhile
    client.post(f"/admin/articles/claim/{other.pk}/confirm-verdict/", {"confirm": "yes", "version": seen,
                                                                       "source": first.pk})
    other.refresh_from_db()
    assert (other.status, other.verdict, other.rationale) == ("new", "", "Someone else's draft.")
    assert not ClaimLink.objects.exists()


@pytest.fixture
def linked(imported_seed, editor):
    a, b = list(Claim.objects.order_by("id")[:2])
    link = links.create_link(a, b, ClaimLink.Relation.SUPPORTS, editor)
    return a, b, link


def _link_events(claim):
    return [e.changes for e in ReviewEvent.objects.filter(claim=claim).order_by("id")]


def test_editing_a_link_in_the_claim_page_writes_the_history_the_api_writes(client, linked, editor):
    a, b, link = linked
    client.force_login(editor)
    url = f"/admin/articles/claim/{a.pk}/change/"
    data = form_of(client, url)
    assert data["links_out-0-id"] == [str(link.pk)]
    data["links_out-0-relation"] = ["contradicts"]
    data["links_out-0-note"] = ["Says the opposite."]
    before_a, before_b = len(_link_events(a)), len(_link_events(b))
    r = client.post(url, data)
    assert r.status_code == 302, r.content.decode()[:3000]
    link.refresh_from_db()
    assert (link.relation, link.note) == ("contradicts", "Says the opposite.")
    new_a, new_b = _link_events(a)[before_a:], _link_events(b)[before_b:]
    assert {"link": [f"supports claim {b.pk}", f"contradicts claim {b.pk}"]} in new_a
    assert {"link note": ["", "Says the opposite."]} in new_a
    assert new_b == [{"link": [f"claim {a.pk} supports this", f"claim {a.pk} contradicts this"]}]


def test_editing_a_link_in_the_link_admin_writes_history_and_a_new_end_is_a_new_link(client, linked, editor):
    a, b, link = linked
    c = Claim.objects.exclude(pk__in=[a.pk, b.pk]).order_by("id").first()
    client.force_login(editor)
    url = f"/admin/articles/claimlink/{link.pk}/change/"
    data = form_of(client, url)
    data["relation"] = ["repeats"]
    assert client.post(url, data).status_code == 302
    assert _link_events(b)[-1] == {"link": [f"claim {a.pk} supports this", f"claim {a.pk} repeats this"]}
    data = form_of(client, url)
    data["target"] = [str(c.pk)]
    assert client.post(url, data).status_code == 302
    assert list(ClaimLink.objects.values_list("source", "target", "relation")) == [(a.pk, c.pk, "repeats")]
    assert _link_events(b)[-1] == {"link": [f"claim {a.pk} repeats this", ""]}
    assert _link_events(c)[-1] == {"link": ["", f"claim {a.pk} repeats this"]}


def test_the_claim_and_entity_admins_keep_no_request_state(client, imported_seed, editor, viewer):
    """The ModelAdmin serves every request at once: what one request may do is never stored on it."""
    from articles.models import Person

    claim_admin, person_admin = admin.site._registry[Claim], admin.site._registry[Person]
    before = (dict(vars(claim_admin)), dict(vars(person_admin)))
    claim = Claim.objects.order_by("id").first()
    person = Person.objects.order_by("id").first()
    for user in (editor, viewer):
        client.force_login(user)
        assert client.get(f"/admin/articles/claim/{claim.pk}/change/").status_code == 200
        assert client.get(f"/admin/articles/person/{person.pk}/change/").status_code == 200
    assert (dict(vars(claim_admin)), dict(vars(person_admin))) == before


def test_view_site_opens_the_public_fact_checks(client, editor):
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert re.search(r'<a href="/factchecks/">View site</a>', html)


def test_the_pages_buttons_follow_each_requests_rights(client, two_outlets, editor, viewer):  # noqa: F811
    from articles.entities import merge
    from articles.models import Person

    first = Claim.objects.filter(kind="quote", article__source_file="telegraph.txt", family__isnull=False).first()
    other = first.family.appearances.exclude(pk=first.pk).get()
    review.apply_review(first, editor, status=Claim.Status.CHECKED, verdict=Claim.Verdict.FALSE, rationale="No.")
    keep, gone = list(Person.objects.order_by("id")[:2])
    merge.merge_people(keep, [gone], editor)
    for user, can in ((editor, True), (viewer, False), (editor, True)):
        client.force_login(user)
        claim_page = client.get(f"/admin/articles/claim/{other.pk}/change/").content.decode()
        assert ("Take this verdict" in claim_page) is can
        person_page = client.get(f"/admin/articles/person/{keep.pk}/change/").content.decode()
        assert (">Undo</button>" in person_page) is can


# -- triage at a glance -------------------------------------------------------------------------

def test_assign_to_me_is_one_click_on_the_claim_page(client, imported_seed, editor, viewer):
    claim = Claim.objects.order_by("id").first()
    url = f"/admin/articles/claim/{claim.pk}/change/"
    client.force_login(viewer)
    assert "Assign to me" not in client.get(url).content.decode()
    client.force_login(editor)
    page = client.get(url).content.decode()
    m = re.search(r'<form method="post" action="([^"]+)">.*?name="version" value="(\d+)".*?Assign to me</button>',
                  page, re.S)
    assert m and m.group(1) == f"/admin/articles/claim/{claim.pk}/assign-to-me/"
    assert client.post(m.group(1), {"version": m.group(2)}).status_code == 302
    claim.refresh_from_db()
    assert claim.assignee == editor and claim.version == int(m.group(2)) + 1
    assert ReviewEvent.objects.filter(claim=claim).get().changes == {"assignee": ["", "editor"]}
    page = client.get(url).content.decode()
    assert "Assign to me</button>" not in page  # assigned already
    assert "assignee: ∅ → editor" in page  # and in the history


def test_assign_to_me_from_a_stale_page_takes_nothing(client, imported_seed, editor):
    from tests.conftest import make_user

    claim = Claim.objects.order_by("id").first()
    other = make_user("other", "Editors", is_staff=True)
    seen = claim.version
    review.assign(claim, other, other)  # meanwhile
    client.force_login(editor)
    client.post(f"/admin/articles/claim/{claim.pk}/assign-to-me/", {"version": seen})
    claim.refresh_from_db()
    assert claim.assignee == other
    viewer_get = client.get(f"/admin/articles/claim/{claim.pk}/assign-to-me/")  # not a POST: nothing
    assert viewer_get.status_code == 302 and Claim.objects.get(pk=claim.pk).assignee == other


def test_assign_to_me_comes_first_in_the_list_and_delete_last(client, imported_seed, editor):
    from tests.conftest import make_user

    client.force_login(editor)
    html = client.get("/admin/articles/claim/").content.decode()
    actions = re.findall(r'<option value="([^"]*)"', html[html.index('name="action"'):html.index("</select>",
                                                                                            html.index('name="action"'))])
    assert actions[0] == "assign_to_me"  # selected by default: tick the claims, then Go
    client.force_login(make_user("root", is_staff=True, is_superuser=True))
    html = client.get("/admin/articles/claim/").content.decode()
    select = html[html.index('name="action"'):html.index("</select>", html.index('name="action"'))]
    actions = re.findall(r'<option value="([^"]*)"', select)
    assert actions[0] == "assign_to_me" and actions[-1] == "delete_selected"
    ids = list(Claim.objects.order_by("id").values_list("pk", flat=True)[:2])
    r = client.post("/admin/articles/claim/", {"action": "assign_to_me", "_selected_action": ids, "index": 0})
    assert r.status_code == 302
    assert set(Claim.objects.filter(pk__in=ids).values_list("assignee__username", flat=True)) == {"root"}


def test_excerpts_are_long_enough_to_triage(client, imported_seed, editor):
    longest = max(Claim.objects.all(), key=lambda c: len(c.text))
    assert len(longest.text) > 200
    client.force_login(editor)
    html = client.get("/admin/articles/claim/").content.decode()
    cells = re.findall(r'<th class="field-excerpt"><a [^>]+><span title="[^"]*">([^<]*)</span>', html)
    assert cells and max(len(c) for c in cells) > 200  # two lines' worth and more; CSS clips at two lines


def test_a_claims_kind_has_the_same_words_in_its_column_and_its_filter(client, imported_seed, editor):
    client.force_login(editor)
    html = client.get("/admin/articles/claim/").content.decode()
    column = set(re.findall(r'<td class="field-kind_short">([^<]+)</td>', html))
    filter_ = set(re.findall(r'<a href="\?kind=[a-z]+">([^<]+)</a>', html))
    assert column and column <= filter_ and filter_ == {"Quote", "Reported", "Assertion"}
    kinds = dict(re.findall(r'<a href="\?kind=([a-z]+)">([^<]+)</a>', html))
    listed = client.get("/admin/articles/claim/?kind=quote").content.decode()
    assert set(re.findall(r'<td class="field-kind_short">([^<]+)</td>', listed)) == {kinds["quote"]}


@pytest.mark.parametrize("name, words, shown", [
    ("MSNBC", "MSNBC", "MSNBC"), ("MSNBC", "msnbc", "MSNBC"), ("Pentagon", "the Pentagon", "Pentagon"),
    ("Pentagon", "", "Pentagon"), ("Pentagon", "a senior official", "Pentagon (a senior official)"),
])
def test_an_organisation_speaker_is_named_once(name, words, shown):
    from articles.selectors import desk

    assert desk.organisation_speaker(name, words) == shown


def test_an_organisation_speaker_is_named_once_in_the_list(client, imported_seed, editor):
    from articles.models import Organisation

    org = Organisation.objects.create(name="MSNBC", key="msnbc")
    claim = Claim.objects.order_by("id").first()
    Claim.objects.filter(pk=claim.pk).update(speaker=None, organisation=org, speaker_text="MSNBC")
    client.force_login(editor)
    html = client.get("/admin/articles/claim/").content.decode()
    assert "MSNBC (MSNBC)" not in html and 'title="MSNBC">MSNBC</a>' in html


def test_the_review_comes_right_after_the_claim_and_history_shows_labels(client, imported_seed, editor):
    claim = Claim.objects.order_by("id").first()
    review.apply_review(claim, editor, status=Claim.Status.IN_REVIEW, verdict=Claim.Verdict.MOSTLY_FALSE)
    client.force_login(editor)
    html = client.get(f"/admin/articles/claim/{claim.pk}/change/").content.decode()
    headings = re.findall(r"<h2[^>]*>([^<]+)</h2>", html)
    assert headings.index("Review") == headings.index("Claim") + 1
    history = html[html.index('class="cdb-history"'):]
    assert "status: New → In review" in history and "verdict: ∅ → Mostly false" in history
    assert "in_review" not in history and "mostly_false" not in history
    desk = client.get("/admin/").content.decode()
    assert "Mostly false" in desk and "mostly_false" not in desk


def test_history_labels_every_kind_of_event():
    from articles.selectors.history import describe

    changes = {"status": ["in_review", "checked"], "evidence": ["", "https://example.org"],
               "link": ["", "repeats claim 3"], "mentioned_people": ["", "Theresa May"], "assignee": ["", "ed"],
               "claim_reviewed": ["", "Short"]}
    assert [str(c) for c in describe(changes)] == [
        "status: In review → Checked", "evidence: ∅ → https://example.org", "link: ∅ → repeats claim 3",
        "mentioned people: ∅ → Theresa May", "assignee: ∅ → ed", "claim reviewed: ∅ → Short"]


# -- the publish step ---------------------------------------------------------------------------

@pytest.fixture
def reviewer_only(db):
    """A desk member who may review but not publish (a newsroom's second pair of eyes)."""
    from django.contrib.auth.models import Permission

    from tests.conftest import make_user

    user = make_user("junior", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="articles",
                                                         codename__in=["view_claim", "change_claim"]))
    return user


def test_editors_may_publish_by_the_data_migration(editor):
    from django.contrib.auth.models import Group

    assert Group.objects.get(name="Editors").permissions.filter(codename="publish_claim").exists()
    assert editor.has_perm("articles.publish_claim")


def test_publish_shows_the_public_page_and_claimreview_warns_and_asks_first(client, imported_seed, editor):
    claim = max(Claim.objects.all(), key=lambda c: len(c.text))
    review.apply_review(claim, editor, verdict=Claim.Verdict.MOSTLY_FALSE)
    client.force_login(editor)
    page = client.get(f"/admin/articles/claim/{claim.pk}/change/").content.decode()
    assert f'href="/admin/articles/claim/{claim.pk}/publish/"' in page
    status = page[page.index('name="status"'):page.index("</select>", page.index('name="status"'))]
    assert 'value="checked"' not in status  # publishing is its own step
    url = f"/admin/articles/claim/{claim.pk}/publish/"
    html = client.get(url).content.decode()
    assert "Mostly false" in html and 'id="cdb-claimreview"' in html and "ClaimReview" in html
    assert "characters long" in html and "no source URL" in html and "rationale is empty" in html
    assert "No evidence" in html
    crumbs = html[html.index('class="breadcrumbs"'):]
    assert f'href="/admin/articles/claim/{claim.pk}/change/"' in crumbs[:crumbs.index("</div>")]
    claim.refresh_from_db()
    assert not claim.is_published  # the preview writes nothing
    # Fixed: the warnings go.
    review.apply_review(claim, editor, rationale="The figures say otherwise.", claim_reviewed="A short wording")
    claim.evidence.create(url="https://example.org/figures")
    claim.article.source_url = "https://example.org/article"
    claim.article.save()
    html = client.get(url).content.decode()
    assert "Before you publish" not in html
    claim.refresh_from_db()
    assert client.post(url, {"confirm": "yes", "version": claim.version}).status_code == 302
    claim.refresh_from_db()
    assert claim.is_published and claim.status == "checked"
    assert client.get(f"/factchecks/{claim.pk}/").status_code == 200
    assert f'href="/admin/articles/claim/{claim.pk}/publish/"' not in client.get(
        f"/admin/articles/claim/{claim.pk}/change/").content.decode()


def test_publishing_needs_a_verdict_a_confirmation_and_a_current_version(client, imported_seed, editor):
    claim = Claim.objects.order_by("id").first()
    client.force_login(editor)
    url = f"/admin/articles/claim/{claim.pk}/publish/"
    assert "No verdict yet" in client.get(url).content.decode()
    client.post(url, {"confirm": "yes", "version": claim.version})
    claim.refresh_from_db()
    assert not claim.is_published
    review.apply_review(claim, editor, verdict=Claim.Verdict.FALSE)
    seen = claim.version
    client.post(url, {"version": seen})  # no confirmation
    review.apply_review(claim, editor, rationale="Changed meanwhile.")
    client.post(url, {"confirm": "yes", "version": seen})  # from a stale preview
    claim.refresh_from_db()
    assert not claim.is_published


def test_publishing_needs_its_own_permission(client, api, imported_seed, editor, reviewer_only):
    claim = Claim.objects.order_by("id").first()
    review.apply_review(claim, editor, verdict=Claim.Verdict.FALSE)
    with pytest.raises(review.NotAllowed):
        review.publish(claim, reviewer_only)
    with pytest.raises(review.NotAllowed):
        review.apply_review(claim, reviewer_only, status=Claim.Status.CHECKED)
    claim.refresh_from_db()
    assert not claim.is_published
    review.apply_review(claim, reviewer_only, rationale="Drafted.")  # reviewing stays allowed
    client.force_login(reviewer_only)
    page = client.get(f"/admin/articles/claim/{claim.pk}/change/").content.decode()
    assert "/publish/" not in page
    client.post(f"/admin/articles/claim/{claim.pk}/publish/", {"confirm": "yes", "version": claim.version})
    api.force_authenticate(reviewer_only)
    r = api.patch(f"/api/v1/claims/{claim.pk}/", {"status": "checked"}, format="json")
    assert r.status_code == 403, r.content
    claim.refresh_from_db()
    assert not claim.is_published and claim.rationale == "Drafted."
    api.force_authenticate(editor)
    assert api.patch(f"/api/v1/claims/{claim.pk}/", {"status": "checked"}, format="json").status_code == 200
    claim.refresh_from_db()
    assert claim.is_published


def test_mark_checked_in_bulk_says_what_it_publishes_and_asks_first(client, imported_seed, editor, reviewer_only):
    a, b = list(Claim.objects.order_by("id")[:2])
    review.apply_review(a, editor, verdict=Claim.Verdict.FALSE)
    client.force_login(editor)
    data = {"action": "mark_checked", "_selected_action": [a.pk, b.pk]}
    page = client.post("/admin/articles/claim/", data)
    assert page.status_code == 200
    text = page.content.decode()
    assert "1 check will be published" in text and "not published (no verdict)" in text
    assert set(Claim.objects.filter(pk__in=[a.pk, b.pk]).values_list("status", flat=True)) == {"in_review", "new"}
    assert client.post("/admin/articles/claim/", {**data, "confirm": "yes"}).status_code == 302
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.is_published and (b.status, b.is_published) == ("checked", False)
    # Without the publish permission the action is not offered at all.
    client.force_login(reviewer_only)
    html = client.get("/admin/articles/claim/").content.decode()
    assert 'value="mark_checked"' not in html and 'value="assign_to_me"' in html


def test_take_this_verdict_publishes_only_with_the_publish_permission(client, two_outlets, editor,  # noqa: F811
                                                                      reviewer_only):
    first = Claim.objects.filter(kind="quote", article__source_file="telegraph.txt", family__isnull=False).first()
    other = first.family.appearances.exclude(pk=first.pk).get()
    review.apply_review(first, editor, status=Claim.Status.CHECKED, verdict=Claim.Verdict.FALSE, rationale="No.")
    client.force_login(reviewer_only)
    r = client.post(f"/admin/articles/claim/{other.pk}/confirm-verdict/",
                    {"confirm": "yes", "version": other.version, "source": first.pk})
    assert r.status_code == 302
    other.refresh_from_db()
    assert not other.is_published and not ClaimLink.objects.exists()
