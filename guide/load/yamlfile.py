"""YAML reading that remembers the line of every key, so errors can point at it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from guide.errors import ContentError, did_you_mean

# NUL, ESC and the other C0 controls but tab and newline, DEL, and the bidirectional
# overrides and isolates that make text read in another order than it is written
UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")

try:  # the C parser is ~10x faster; fall back where libyaml is missing
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader


@dataclass(frozen=True)
class YamlDoc:
    """Parsed YAML plus the line number of each value, keyed by its path of keys/indexes."""

    path: Path
    data: Any
    lines: dict[tuple, int]
    first_line: int = 1

    def line(self, *keys: Any) -> int:
        """The line of the deepest known value on this key path."""
        while keys:
            if keys in self.lines:
                return self.lines[keys]
            keys = keys[:-1]
        return self.first_line

    def error(self, keys: tuple, message: str, hint: str = "") -> ContentError:
        return ContentError(self.path, self.line(*keys), message, hint)


MAX_YAML_VALUES = 100_000  # values in one YAML file once aliases (*name) are expanded
MAX_YAML_DEPTH = 64  # mappings and lists inside each other


def expansion_problem(root: yaml.Node) -> tuple[yaml.Node, str] | None:
    """The node where a file grows too big or too deep once its aliases are expanded, and
    why. Sizes are counted once per node (aliases share nodes), so a billion-laughs file is
    measured in the time it takes to read it, not expanded."""
    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    on_path: set[int] = set()
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            kids = _children(node)
            size[key] = 1 + sum(size[id(k)] for k in kids)
            depth[key] = 1 + max((depth[id(k)] for k in kids), default=0)
            continue
        if key in size:
            continue
        if key in on_path:  # a recursive alias: PyYAML allows it, nothing here needs it
            return node, "an alias refers to the value that contains it"
        on_path.add(key)
        stack.append((node, True))
        stack.extend((k, False) for k in _children(node) if id(k) not in size)
        if len(on_path) > MAX_YAML_DEPTH:
            return node, f"values nested more than {MAX_YAML_DEPTH} deep"
    if size[id(root)] <= MAX_YAML_VALUES:
        return None
    node = root
    while True:  # the deepest value still over the limit is where the blow-up is written
        bigger = [k for k in _children(node) if size[id(k)] > MAX_YAML_VALUES]
        if not bigger:
            return node, (f"more than {MAX_YAML_VALUES:,} values once aliases (*name) are "
                          "expanded")
        node = bigger[0]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _walk(node: yaml.Node, prefix: tuple, lines: dict[tuple, int], offset: int) -> None:
    lines[prefix] = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = prefix + (key_node.value,)
            _walk(value_node, key, lines, offset)
            lines[key] = key_node.start_mark.line + 1 + offset
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, prefix + (index,), lines, offset)


def parse_yaml(path: Path, text: str, first_line: int = 1) -> YamlDoc:
    """Parse YAML text from `path` (starting at `first_line` of that file)."""
    offset = first_line - 1
    try:
        node = yaml.compose(text, Loader=_Loader)
        problem = expansion_problem(node) if node is not None else None
        if problem is not None:
            where, why = problem
            raise ContentError(path, where.start_mark.line + 1 + offset, f"YAML too large: {why}",
                               "write the values out instead of repeating aliases")
        data = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + offset if mark else first_line
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        rows = text.split("\n")
        source_line = rows[mark.line] if mark and mark.line < len(rows) else ""
        raise ContentError(path, line, f"invalid YAML: {problem}",
                           yaml_hint(problem, source_line)) from None
    except yaml.YAMLError as exc:
        raise ContentError(path, first_line, f"invalid YAML: {exc}") from None
    lines: dict[tuple, int] = {}
    if node is not None:
        _walk(node, (), lines, offset)
    doc = YamlDoc(path, data, lines, first_line)
    refuse_non_text(doc)
    return doc


def refuse_non_text(doc: YamlDoc) -> None:
    """`!!binary` values (bytes) and control characters written as YAML escapes ("\\e")
    have no place in a booklet; name where they are."""
    stack: list[tuple[tuple, Any]] = [((), doc.data)]
    while stack:
        keys, value = stack.pop()
        if isinstance(value, bytes):
            raise doc.error(keys, "binary data (!!binary) where text is expected",
                            "write the value as plain text")
        if isinstance(value, str):
            bad = UNPRINTABLE.search(value)
            if bad:
                raise doc.error(keys, f"the text holds the control character "
                                f"U+{ord(bad.group()):04X}", "remove it")
        elif isinstance(value, dict):
            stack.extend((keys + (k,), v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((keys + (i,), v) for i, v in enumerate(value))


def yaml_hint(problem: str, line: str) -> str:
    """Plain words for the YAML mistakes authors make most."""
    value = line.partition(":")[2].strip()
    if "tab" in problem:
        return "indent with spaces, not tabs"
    if value.startswith(("{{", "{%")):
        return ("a value that starts with {{ must be in quotes, with the other kind inside: "
                "summary: \"{{ timeline.stage('college').years }} years\"")
    if "mapping values are not allowed" in problem or ": " in value:
        return "a value containing ': ' must be in quotes, e.g. title: \"Step 1: the MCAT\""
    if value.startswith(("*", "&", "!", "%", "@", "`", "|", ">")) or " #" in value:
        return "put the value in quotes: YAML gives some first characters and ' #' a meaning"
    return "check indentation, colons and quotes"


def read_text(path: Path, shown: Path | str | None = None) -> str:
    """Read a UTF-8 text file, turning decoding problems into a content error."""
    shown = shown or path
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ContentError(shown, None, "file not found") from None
    except IsADirectoryError:
        raise ContentError(shown, None, "expected a file, found a folder") from None
    except OSError as exc:
        raise ContentError(shown, None, f"cannot read file: {exc.strerror}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ContentError(shown, line, "text is not UTF-8",
                           "save the file as UTF-8 in your editor") from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    bad = UNPRINTABLE.search(text)
    if bad:
        raise ContentError(shown, text.count("\n", 0, bad.start()) + 1,
                           f"the file holds the control character U+{ord(bad.group()):04X}",
                           "remove it; it would print as nothing or reorder the text around it")
    return text


def check_keys(doc: YamlDoc, keys: tuple, mapping: Any, allowed: set[str],
               required: set[str] = frozenset(), what: str = "") -> list[ContentError]:  # type: ignore[assignment]
    """Unknown keys (with a suggestion) and missing required keys of one mapping."""
    errors = []
    where = f" in {what}" if what else ""
    if not isinstance(mapping, dict):
        return [doc.error(keys, f"expected a mapping of keys{where}",
                          "write 'key: value' lines")]
    for key in mapping:
        if key not in allowed:
            errors.append(doc.error(keys + (key,), f"unknown key '{key}'{where}",
                                    did_you_mean(str(key), allowed)))
    for key in sorted(required - set(mapping)):
        errors.append(doc.error(keys, f"missing key '{key}'{where}", f"add '{key}: ...'"))
    return errors
