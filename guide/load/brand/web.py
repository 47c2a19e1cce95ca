"""Files a brand names by web address (logos, Google and Bunny fonts): fetched once into the
user's cache folder, then read from there, so only the first build needs the network.

CAREER_GUIDE_OFFLINE=1 never asks the network (the cache is still read). A build with no
network, or a server that does not answer, goes on without the file: the caller warns.
"""

from __future__ import annotations

import os

from guide.user_cache import cache_file, read_quietly, write_quietly

TIMEOUT = 8.0  # seconds for one request; a font service answers well within that
USER_AGENT = "career-guide (brand fonts and logos for a print booklet)"
MAX_BYTES = 20 * 1024 * 1024  # a logo or font larger than this is not one


class Unreachable(Exception):
    """The file could not be had: offline, no answer, or an error status."""


def offline() -> bool:
    return os.environ.get("CAREER_GUIDE_OFFLINE", "").lower() not in ("", "0", "no", "off")


def fetch(url: str, kind: str, suffix: str = "") -> bytes:
    """The body at `url`, from the cache (`kind` is its folder) or the network."""
    cache = cache_file(kind, url, suffix)
    kept = read_quietly(cache)
    if kept is not None:
        return kept
    data = download(url)
    write_quietly(cache, data)
    return data


def download(url: str) -> bytes:
    if offline():
        raise Unreachable("CAREER_GUIDE_OFFLINE is set")
    import urllib.error  # only when a brand asks for something on the web (about 20 ms)
    import urllib.request
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:  # noqa: S310
            data = answer.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise Unreachable(f"the server answered {error.code}") from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        raise Unreachable(f"no answer ({reason})") from None
    if len(data) > MAX_BYTES:
        raise Unreachable("the file is larger than 20 MB")
    return data
