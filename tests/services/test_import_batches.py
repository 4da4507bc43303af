"""New files are stored in batches (persistence.store): the database must end up as it does when
the same files are stored one by one."""
from articles.ingestion import persistence
from articles.ingestion.run_cache import RunCache
from articles.models import Article, Claim, ClaimFamily, Organisation, Person
from articles.services import reader

ARTICLES = {
    "a.txt": ("Plan unveiled", "3 March 2019",
              "Senator Jane Doe of the Budget Committee said the plan would cut the deficit by half. "
              '"We will balance the books," Doe said.'),
    "b.txt": ("Plan debated", "5 March 2019",
              '"We will balance the books," Jane Doe said on Tuesday. Mr. John Roe, an economist at the '
              "Urban Institute, said the numbers did not add up."),
    "c.txt": ("Plan passes", "9 March 2019",
              "Doe said the plan would cut the deficit by half. Roe warned that interest rates would rise."),
}


def snapshot():
    people = sorted((p.name, p.gender, tuple(sorted(a.name for a in p.aliases.all()))) for p in Person.objects.all())
    orgs = sorted(Organisation.objects.values_list("name", flat=True))
    claims = sorted((c.article.source_file, c.text, getattr(c.speaker, "name", None)) for c in Claim.objects.all())
    families = sorted(tuple(sorted((c.article.source_file, c.text) for c in f.appearances.all()))
                      for f in ClaimFamily.objects.all())
    return people, orgs, claims, families


def test_a_batch_stores_what_file_by_file_stores(db, tmp_path):
    preps = []
    for name, (title, when, body) in ARTICLES.items():
        path = tmp_path / name
        path.write_text(f"{title}\n\n{when}\n\n{body}\n\n- The Example\n", encoding="utf-8")
        preps.append(reader.prepare(path, 10**6, []))
    results = persistence.store(preps, RunCache())
    assert [r.status for r in results] == ["created"] * 3
    batched = snapshot()
    assert batched[3], "the repeated quote makes a family across the batch"

    for model in (Article, Person, Organisation, ClaimFamily):
        model.objects.all().delete()
    run = RunCache()
    assert [persistence.store([p], run)[0].status for p in preps] == ["created"] * 3
    assert snapshot() == batched
