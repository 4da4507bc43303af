"""The Celery application: import jobs (articles/ingestion/jobs.py) on workers sharing a Redis broker
and the database. Configured from Django's settings (CELERY_*); with no broker configured
(CELERY_BROKER_URL / REDIS_URL unset) every job runs in the process that asks for it.

    celery -A claimsdb worker -l info          # a worker (as many as wanted, on any machine)
    celery -A claimsdb beat -l info            # one scheduler: the schedule lives in the database
"""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimsdb.settings")

app = Celery("claimsdb")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["articles.ingestion"], related_name="jobs")
