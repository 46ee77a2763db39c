"""Check document annotations (`<id>.expected.jsonl`) mechanically: JSON, fields, quotes that occur
exactly once in the story, CAMEO codes, PLOVER types. Prints every problem; exits 1 if there is any.

    python scripts/check_annotations.py benchmarks/voa/voa-565862.expected.jsonl [...]
    python scripts/check_annotations.py benchmarks/voa        # every annotation in a folder
"""

from __future__ import annotations

import sys
from pathlib import Path

from dyads.evaluate.corpus import check_annotation


def main(arguments: list[str]) -> int:
    paths: list[Path] = []
    for argument in arguments:
        path = Path(argument)
        paths.extend(sorted(path.glob("*.expected.jsonl")) if path.is_dir() else [path])
    problems = [problem for path in paths for problem in check_annotation(path)]
    print("\n".join(problems) if problems else f"{len(paths)} annotation files: no problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
