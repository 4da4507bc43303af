"""People's matching keys become first + last name (nameparser), so "Donald J. Trump" and "Donald
Trump" share one. Records whose new key another record already holds keep their old key (an
editor merges them; the entity-quality benchmark lists them)."""
import re
import unicodedata

from django.db import migrations
from nameparser import HumanName

# The key function as this migration applies it, frozen here: a migration must give the same rows
# whatever the live code (articles.entities.keys.person_key) becomes later.
_POSSESSIVE = re.compile(r"[’']s?$")
NICKNAMES = {
    "joe": "joseph", "bill": "william", "will": "william", "billy": "william", "bob": "robert",
    "bobby": "robert", "rob": "robert", "mike": "michael", "mick": "michael", "jim": "james",
    "jimmy": "james", "tom": "thomas", "tommy": "thomas", "dick": "richard", "rick": "richard",
    "ted": "edward", "ed": "edward", "eddie": "edward", "chuck": "charles", "charlie": "charles",
    "dave": "david", "dan": "daniel", "danny": "daniel", "steve": "stephen", "tony": "anthony",
    "ben": "benjamin", "nick": "nicholas", "andy": "andrew", "jeff": "jeffrey", "greg": "gregory",
    "larry": "lawrence", "jerry": "gerald", "ron": "ronald", "don": "donald", "ken": "kenneth",
    "matt": "matthew", "chris": "christopher", "liz": "elizabeth", "beth": "elizabeth", "kate": "katherine",
    "katie": "katherine", "becky": "rebecca", "jenny": "jennifer", "sue": "susan", "peggy": "margaret",
    "hank": "henry", "harry": "henry", "jack": "john", "johnny": "john", "tim": "timothy", "sam": "samuel",
}


def _fold(text):
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower().replace("’", "'")
    return " ".join(re.findall(r"[\w']+", text.replace(".", "")))


def person_key(name):
    name = _POSSESSIVE.sub("", (name or "").strip())
    h = HumanName(name)
    first, last, suffix = h.first, h.last, h.suffix
    if not last:
        parts = [first or h.title or name]
    else:
        parts = [NICKNAMES.get(_fold(first), first), last, suffix]
    return _fold(" ".join(p for p in parts if p))[:200]


def rekey(apps, schema_editor):
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
