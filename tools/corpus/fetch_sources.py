#!/usr/bin/env python3
"""Select and import the source documents of the corpus.

Reads sources.json, opens each repository's `fetch` snapshot (a bare git dir at
MIRROR/OWNER+NAME/repo), checks that HEAD is the commit recorded there, lists
the files matching the include/exclude patterns, shuffles them with the seed and
imports them (importers.py) until `max_docs` usable documents are found. Each is
cut at a block boundary to a length drawn per document, so that a PDF has one to
four pages.

Writes
    OUT/docs/ID.json             the imported document (blocks as in the source)
    manifest/documents.jsonl     (committed) id, repo, commit, path, licence,
                                 lang, split: what the corpus is made of

Usage: python3 fetch_sources.py [--mirror /work/.mirror] [--out ../corpus-out]
                                [--seed 14] [--scale 1.0]
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import importers  # noqa: E402

# Length of a document's text (all blocks), drawn per document: one to four
# pages in the layouts of layout.py.
ZH_CHARS = (700, 3000)
EN_CHARS = (1200, 5000)
# A document needs this much body text to be kept (shorter pages are stubs or indexes).
MIN_BODY = {"zh": 300, "en": 600}
MIN_BODY_BLOCKS = 3


def git(gitdir, *args):
    return subprocess.run(["git", "--git-dir", gitdir, "-c", "core.quotepath=off"] + list(args),
                          check=True, capture_output=True).stdout


def slug(repo):
    return re.sub(r"[^a-z0-9]+", "-", repo.split("/")[1].lower()).strip("-")[:14]


def cut(title, blocks, lang, rng):
    """Keeps the leading blocks up to a drawn length; never ends on a heading."""
    lo, hi = ZH_CHARS if lang == "zh" else EN_CHARS
    target = rng.randint(lo, hi)
    total = len(title or "")
    kept = []
    for b in blocks:
        if total >= target and kept:
            break
        kept.append(b)
        total += len(b[1])
    while kept and kept[-1][0] == "heading":
        kept.pop()
    return kept


def to_doc(doc_id, src, path, title, blocks, info):
    meta = {"source": None, "date": None, "page": None, "title": title, "subtitle": None,
            "byline": None}
    out_blocks = [{"kind": "title", "text": title}]
    if info:
        m = importers.DATE_RE.search(info)
        if m:
            meta["date"] = "%s-%02d-%02d" % (m.group(1), int(m.group(2)), int(m.group(3)))
            out_blocks.append({"kind": "meta", "text": info})
    for k, t, lv in blocks:
        b = {"kind": k, "text": t}
        if k == "heading":
            b["level"] = lv
        out_blocks.append(b)
    return {"name": doc_id, "lang": src["lang"], "meta": meta, "render": {},
            "provenance": {"repo": src["repo"], "commit": src["commit"], "path": path,
                           "licence": src["licence"], "split": src["split"]},
            "blocks": out_blocks}


def nav_titles(gitdir, src):
    """Page titles from a MkDocs navigation (`- 配对堆: ds/pairing-heap.md`)."""
    nav = src.get("nav")
    if not nav:
        return {}
    text = git(gitdir, "show", "HEAD:" + nav["file"]).decode("utf-8")
    out = {}
    for m in re.finditer(r"^\s*-\s*(.+?):\s*(\S+\.md)\s*$", text, re.M):
        out[nav["prefix"] + m.group(2)] = m.group(1).strip().strip("'\"")
    return out


def import_one(src, text, rng, nav_title=None):
    if src["format"] == "law":
        title, info, blocks = importers.import_law(text)
        info_line = next((x for x in info if importers.DATE_RE.search(x) and len(x) <= 60), None)
    else:
        title, blocks = importers.import_markdown(text, src["lang"], nav_title)
        info_line = None
    if not title or len(title) > 60:
        return None
    blocks = cut(title, blocks, src["lang"], rng)
    body = [t for k, t, _ in blocks if k in ("paragraph", "list_item")]
    if len(body) < MIN_BODY_BLOCKS or sum(map(len, body)) < MIN_BODY[src["lang"]]:
        return None
    return title, blocks, info_line


def write_sources_md(sources, rows):
    """SOURCES.md: each repository with its commit, path patterns, licence, split and
    how many documents were taken from it (the list of files is manifest/documents.jsonl)."""
    n = {}
    for r in rows:
        n[r["repo"]] = n.get(r["repo"], 0) + 1
    out = ["# Sources of the generated corpus", "",
           "Written by `fetch_sources.py` from `sources.json`; the documents taken (repository, commit,",
           "path, licence, split) are listed one per line in `manifest/documents.jsonl`. Nothing fetched",
           "is committed: the import script (`importers.py`) turns each file into the document JSON at",
           "build time. Licences were read from each repository's own licence file (or, where it has",
           "none, the statement named in the table). Bylines, datelines, dates, document numbers,",
           "running headers and footers are synthetic (layout.py); every other word is the source's.",
           "",
           "Not used (kept for judging the product): python/peps, rust-lang/rfcs, xitu/gold-miner,",
           "rgj0617/yangtze_delta_development, jiayangrui05160031-cmyk/people-daily-economy-daily,",
           "ZhouYNF/platform-1 and every source in ../shared/eval/SOURCES.md.",
           "",
           "| repository | commit | lang | split | files (path regex) | licence | docs |",
           "| --- | --- | --- | --- | --- | --- | ---: |"]
    for s in sources:
        pats = " ".join("`%s`" % p.replace("|", "\\|") for p in s["include"])
        out.append("| %s | `%s` | %s | %s | %s | %s | %d |" % (
            s["repo"], s["commit"][:12], s["lang"], s["split"], pats, s["licence"], n.get(s["repo"], 0)))
    with open(os.path.join(HERE, "SOURCES.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mirror", default="/work/.mirror")
    ap.add_argument("--out", default="../corpus-out")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--scale", type=float, default=1.0, help="multiplies every max_docs")
    a = ap.parse_args()
    with open(os.path.join(HERE, "sources.json"), encoding="utf-8") as f:
        sources = json.load(f)["sources"]
    docdir = os.path.join(a.out, "docs")
    os.makedirs(docdir, exist_ok=True)
    for f in os.listdir(docdir):
        os.remove(os.path.join(docdir, f))
    rows = []
    for src in sources:
        gitdir = os.path.join(a.mirror, src["repo"].replace("/", "+"), "repo")
        head = git(gitdir, "rev-parse", "HEAD").decode().strip()
        if head != src["commit"]:
            sys.exit("%s: snapshot is at %s, sources.json says %s" % (src["repo"], head, src["commit"]))
        files = git(gitdir, "ls-tree", "-r", "--name-only", "HEAD").decode("utf-8").splitlines()
        inc = [re.compile(p) for p in src["include"]]
        exc = [re.compile(p) for p in src["exclude"]]
        files = sorted(f for f in files if any(p.search(f) for p in inc) and not any(p.search(f) for p in exc))
        navs = nav_titles(gitdir, src)
        rng = random.Random("%d:%s" % (a.seed, src["repo"]))
        rng.shuffle(files)
        want = max(1, round(src["max_docs"] * a.scale))
        n = 0
        for path in files:
            if n >= want:
                break
            try:
                text = git(gitdir, "show", "HEAD:" + path).decode("utf-8")
            except (subprocess.CalledProcessError, UnicodeDecodeError):
                continue
            got = import_one(src, text, rng, navs.get(path))
            if not got:
                continue
            title, blocks, info = got
            doc_id = "%s-%s-%03d" % (src["lang"], slug(src["repo"]), n)
            doc = to_doc(doc_id, src, path, title, blocks, info)
            with open(os.path.join(docdir, doc_id + ".json"), "w", encoding="utf-8") as f:
                json.dump(doc, f, ensure_ascii=False, indent=1)
            rows.append({"id": doc_id, "repo": src["repo"], "commit": src["commit"], "path": path,
                         "licence": src["licence"], "lang": src["lang"], "split": src["split"]})
            n += 1
        print("%-40s %4d of %4d files -> %3d docs (%s)" % (src["repo"], len(files), len(files), n, src["split"]))
    os.makedirs(os.path.join(HERE, "manifest"), exist_ok=True)
    with open(os.path.join(HERE, "manifest", "documents.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    write_sources_md(sources, rows)
    by = {}
    for r in rows:
        by[(r["lang"], r["split"])] = by.get((r["lang"], r["split"]), 0) + 1
    print("documents:", len(rows), dict(sorted(by.items())))


if __name__ == "__main__":
    main()
