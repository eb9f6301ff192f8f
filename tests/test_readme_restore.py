"""The README's restore command works into an empty database (issue 17, item 9).

``pg_restore --clean`` drops every object before creating it; into an empty database each DROP fails and
pg_restore exits 1 unless ``--if-exists`` is given.
"""

import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def test_the_readmes_pg_restore_drops_only_what_exists():
    commands = re.findall(r"`(pg_restore [^`]+)`", README.read_text())
    assert commands, "the README shows how to restore a backup"
    for command in commands:
        if "--clean" in command:
            assert "--if-exists" in command, command
