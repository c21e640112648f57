"""Vacancy feeds: sources of vacancies (schema.org JobPosting JSON-LD, or the site's CSV/JSON
import format) pulled from a URL or a file on a schedule, each posting attributed to its source,
and the same vacancy posted through several sources counted once (``dedup``)."""

from app.services.feeds.fetch import FeedError
from app.services.feeds.importer import PullReport, pull, pull_all
from app.services.feeds.sources import add_feed, get_feed, list_feeds

__all__ = ["FeedError", "PullReport", "add_feed", "get_feed", "list_feeds", "pull", "pull_all"]
