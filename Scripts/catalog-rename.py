#!/usr/bin/env python3
"""Rename message catalog keys (and their placeholders) everywhere, from a mapping file.

Usage:  python3 Scripts/catalog-rename.py [Scripts/catalog-rename-map.tsv]

Each line of the map is `old.key<TAB>new.key[<TAB>old=new,old2=new2]` (`#` starts a
comment line). For every line the script
  * renames the entry `"old.key" = ...` in Sources/PftlsCore/Resources/Catalog/{en,ja}/*.strings,
    and inside that entry's text renames the placeholders `{old}` -> `{new}`;
  * replaces every exact string literal "old.key" in Sources/ and Tests/ (*.swift) by "new.key";
  * at each call `Catalog.text("new.key", [ ... ])` renames the dictionary keys `"old":` -> `"new":`.
Several old keys may share one new key (texts folded into one key): the first one defined
keeps its entry, the others lose theirs. A line whose old and new keys are equal renames
only placeholders. It is idempotent: a key already renamed is not found again, so it can be re-run after
merging a branch that still uses old keys. It prints the placeholder renames it could not
apply (a call whose arguments are not a dictionary literal) so they can be done by hand.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
CATALOG = ROOT / "Sources/PftlsCore/Resources/Catalog"


def read_map(path):
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) < 2:
            sys.exit(f"{path}:{number}: want old<TAB>new[<TAB>a=b,c=d]")
        renames = {}
        if len(fields) > 2 and fields[2].strip():
            for pair in fields[2].split(","):
                old, new = pair.strip().split("=")
                renames[old] = new
        rows.append((fields[0].strip(), fields[1].strip(), renames))
    return rows


def rename_placeholders(text, renames):
    if not renames:
        return text
    return re.sub(r"\{([A-Za-z_][A-Za-z0-9_]*)\}", lambda m: "{" + renames.get(m.group(1), m.group(1)) + "}", text)


ENTRY = r'^"{key}"(\s*=\s*)(".*?(?<!\\)")(\s*;)[^\n]*\n?'


def rewrite_language(paths, rows):
    """Renames entries in one language's files; an old key whose new key is already
    defined (two keys folded into one) loses its entry."""
    texts = {path: path.read_text(encoding="utf-8") for path in paths}
    defined = set(re.findall(r'^"([^"]+)"\s*=', "".join(texts.values()), re.M))
    for old, new, renames in rows:
        entry = re.compile(ENTRY.format(key=re.escape(old)), re.M | re.S)
        for path, text in texts.items():
            if not entry.search(text):
                continue
            if new in defined and new != old:
                texts[path] = entry.sub("", text)
            else:
                texts[path] = entry.sub(lambda m: '"' + new + '"' + m.group(1) + rename_placeholders(m.group(2), renames)
                                        + m.group(0)[m.end(2) - m.start(0):], text)
                defined.add(new)
            if new != old:
                defined.discard(old)
    for path, text in texts.items():
        if text != path.read_text(encoding="utf-8"):
            path.write_text(text, encoding="utf-8")


def dictionary_end(source, start):
    """Index just past the `]` matching the `[` at `start`, skipping string literals."""
    depth, index, in_string = 0, start, False
    while index < len(source):
        char = source[index]
        if in_string:
            if char == "\\":
                index += 1
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[(":
            depth += 1
        elif char in "])":
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return None


def rewrite_swift(path, rows, unmatched):
    source = path.read_text(encoding="utf-8")
    original = source
    for old, new, renames in rows:
        source = source.replace('"' + old + '"', '"' + new + '"')
        if not renames:
            continue
        position = 0
        call = re.compile(r'"' + re.escape(new) + r'"\s*,\s*\[')
        while True:
            found = call.search(source, position)
            if not found:
                break
            start = found.end() - 1
            end = dictionary_end(source, start)
            if end is None:
                break
            body = source[start:end]
            renamed = re.sub(r'"([A-Za-z_][A-Za-z0-9_]*)"(\s*:)',
                             lambda m: '"' + renames.get(m.group(1), m.group(1)) + '"' + m.group(2), body)
            source = source[:start] + renamed + source[end:]
            position = start + len(renamed)
        stale = [name for name in renames if re.search(r'"' + re.escape(name) + r'"\s*:', source)]
        if stale and len(re.findall(r'"' + re.escape(new) + r'"', source)) > len(call.findall(source)):
            unmatched.append(f"{path.relative_to(ROOT)}: {new}: check the arguments {stale} by hand (a call without a [..] literal)")
    if source != original:
        path.write_text(source, encoding="utf-8")


def main():
    map_path = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "Scripts/catalog-rename-map.tsv"
    rows = read_map(map_path)
    for language in ("en", "ja"):
        rewrite_language(sorted((CATALOG / language).glob("*.strings")), rows)
    unmatched = []
    for folder in ("Sources", "Tests"):
        for path in sorted((ROOT / folder).rglob("*.swift")):
            rewrite_swift(path, rows, unmatched)
    for line in unmatched:
        print(line)


if __name__ == "__main__":
    main()
