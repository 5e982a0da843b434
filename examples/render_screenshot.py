"""Re-make examples/displacy_seed.png from the real displaCy HTML (needs a local Chromium).

Usage: .venv/bin/python examples/render_screenshot.py [CHROMIUM]
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import vnnews_extract.spacy as vs

HERE = Path(__file__).resolve().parent
# The first 1500 characters show every label without making the image unreadably tall.
EXCERPT = 1500


def main() -> None:
    chromium = sys.argv[1] if len(sys.argv) > 1 else shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        sys.exit("no Chromium found; pass its path as the first argument")
    nlp = vs.blank()
    nlp.add_pipe("vnnews_extract")
    doc = nlp((HERE / "seed_article.txt").read_text(encoding="utf-8")[:EXCERPT])
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "seed.html"
        page.write_text(vs.render(doc, page=True), encoding="utf-8")
        flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
        subprocess.run(
            [
                chromium,
                *flags,
                f"--user-data-dir={tmp}/profile",
                f"--screenshot={HERE / 'displacy_seed.png'}",
                "--window-size=1200,1100",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
        )
    print(HERE / "displacy_seed.png")


if __name__ == "__main__":
    main()
