"""People's matching keys become first + last name (nameparser), so "Donald J. Trump" and "Donald
Trump" share one. Records whose new key another record already holds keep their old key (an
editor merges them; the entity-quality benchmark lists them)."""
from django.db import migrations


def rekey(apps, schema_editor):
    from articles.extraction.names import person_key

    Person = apps.get_model("articles", "Person")
    PersonAlias = apps.get_model("articles", "PersonAlias")
    taken = set(Person.objects.values_list("key", flat=True))
    for p in Person.objects.order_by("id"):
        new = person_key(p.name)
        if new and new != p.key and new not in taken:
            taken.discard(p.key)
            taken.add(new)
            p.key = new
            p.save(update_fields=["key"])
    full_taken = set(PersonAlias.objects.filter(is_name=True).values_list("key", flat=True))
    for a in PersonAlias.objects.order_by("id"):
        new = person_key(a.name)
        if not new or new == a.key or PersonAlias.objects.filter(person_id=a.person_id, key=new).exists():
            continue
        if a.is_name and new in full_taken:
            continue
        if a.is_name:
            full_taken.discard(a.key)
            full_taken.add(new)
        a.key = new
        a.save(update_fields=["key"])


class Migration(migrations.Migration):
    dependencies = [("articles", "0009_cache_table")]
    operations = [migrations.RunPython(rekey, migrations.RunPython.noop)]
