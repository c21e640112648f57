"""``python -m matching.bench``: the speed benchmark of issue 13 under the name the issue gives it
(the site's extractor in vacancies per second and rank in sentences per second, among the
rest); the same command as ``python -m matching.lab.bench``, with the same options."""

from __future__ import annotations

from matching.lab.bench import main

if __name__ == "__main__":
    raise SystemExit(main())
