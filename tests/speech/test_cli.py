from __future__ import annotations

import subprocess
import sys


def test_cli_says_it_is_not_built_yet_and_fails() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "speech"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert "not built yet" in result.stderr
