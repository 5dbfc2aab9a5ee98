"""Edit-to-preview time: start ``profilesite serve``, change one record, time until the page shows it.

Run by ``profilesite bench``; works on a temporary copy of the project, never on ``profiles/``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

from profilesite import routes
from profilesite.model import Party
from profilesite.views.parties import party_name
from profilesite.workspace import copy_project


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


MARKER = "Preview marker 4711"  # put in front of the party's English name by the edit


def edit_to_preview(root: Path, code: str = "ken", timeout: float = 120.0) -> tuple[float, float, str]:
    """Seconds until the served page first appears and from saving an edit to its showing; the page then."""
    with tempfile.TemporaryDirectory(prefix="profilesite-preview-") as folder:
        work = copy_project(root, Path(folder) / "project")
        port = _free_port()
        url = f"http://127.0.0.1:{port}/{routes.profile(code)}"
        command = [sys.executable, "-m", "profilesite.cli", "serve", "--address", f"127.0.0.1:{port}"]
        started = time.perf_counter()
        server = subprocess.Popen(command, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            while "</html>" not in _fetch(url):
                if time.perf_counter() - started > timeout or server.poll() is not None:
                    raise RuntimeError("the preview server did not start")
                time.sleep(0.1)
            first = time.perf_counter() - started
            time.sleep(1.0)  # let the watcher settle
            record = work / "profiles" / f"{code}.yaml"
            text = record.read_text("utf-8")
            name = party_name(Party.model_validate(yaml.safe_load(text)), "en")
            # an English name of the record's own, which its names.source lets stand over UNTERM's
            edited = text.replace("names:\n", f"names:\n  en: {MARKER} {name}\n", 1)
            saved = time.perf_counter()
            record.write_text(edited, "utf-8")
            os.utime(record)
            while MARKER not in (page := _fetch(url)):
                if time.perf_counter() - saved > timeout:
                    raise RuntimeError("the edit never reached the preview")
                time.sleep(0.05)
            return first, time.perf_counter() - saved, page
        finally:
            server.terminate()
            server.wait(timeout=10)
