"""What the gold-scoring scripts (eval-extract, eval-tag, tag-review) share: where the texts are,
how a gold line's sentence is named, and running rpt split | TOOL over the texts a gold file names.

Gold files never hold text from ../shared: a sentence is named by its source and seg.n (as rpt split
cuts it with default options) and an anchor, its first characters. Sources:
  pNNN.txt                a page of ../shared/pages/
  gwr_national.jsonl#R    the R-th record (1-based) of ../shared/corpora/gwr_national.jsonl
  gwr_national.jsonl@Y    the government work report of year Y (the corpus's year field)
  NNN-….txt               a seed of testdata/seeds/
"""
import json
import os
import re
import subprocess
import sys

SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(SRC, "..", "shared")
CORPUS = os.path.join(SHARED, "corpora", "gwr_national.jsonl")
PAGES = os.path.join(SHARED, "pages")
SEEDS = os.path.join(SRC, "testdata", "seeds")


def shared_present():
    return os.path.isdir(PAGES) and os.path.exists(CORPUS)


def run(build, sources, tool, tool_args):
    """{(source, seg.n): record} of `rpt split | rpt TOOL TOOL_ARGS` over the sources named
    (pages, corpus records, seeds), each record as rpt TOOL wrote it; TOOL None runs split alone."""
    runs = []
    if any(s.endswith(".txt") and not s.startswith("p") for s in sources):
        runs.append(([SEEDS], "seed"))
    if any(s.startswith("gwr_national.jsonl") for s in sources):
        if not os.path.exists(CORPUS):
            sys.exit("%s absent" % CORPUS)
        runs.append((["--text-field", "content", CORPUS], "corpus"))
    pages = sorted({s for s in sources if s.startswith("p") and s.endswith(".txt")})
    if pages:
        runs.append(([os.path.join(PAGES, p) for p in pages], "pages"))
    out = {}
    for args, kind in runs:
        if tool is None:
            res = subprocess.run([os.path.join(build, "rpt-split"), "--quiet", *args],
                                 capture_output=True, text=True)
        else:
            split = subprocess.Popen([os.path.join(build, "rpt-split"), "--quiet", *args],
                                     stdout=subprocess.PIPE)
            res = subprocess.run([os.path.join(build, "rpt-" + tool), "--quiet", *tool_args],
                                 stdin=split.stdout, capture_output=True, text=True)
            split.wait()
        if res.returncode not in (0, 1):
            sys.exit("rpt-%s failed: %s" % (tool or "split", res.stderr))
        for line in res.stdout.splitlines():
            r = json.loads(line)
            doc, n = r["doc"], r["seg"]["n"]
            name = os.path.basename(doc["source"])
            if kind == "corpus":
                out[(name + "#%d" % doc["record"], n)] = r
                year = (doc.get("meta") or {}).get("year")
                if year:  # a government work report, by the year the corpus gives it
                    out[(name + "@%s" % year, n)] = r
            else:
                out[(name, n)] = r
    return out


def split_records(build, sources):
    """{(source, seg.n): record} of rpt split alone over the sources named."""
    return run(build, sources, None, [])


# A converter's pinyin reading after a Han character (統(tǒng)籌): rpt split takes these out
# (lib/split/glosses.h), so gold lines written from the glossed text are read without them; a
# reading cut off by the end of an anchor (會(huì)議強(q) goes too.
GLOSS = re.compile(r"(?<=[\u3400-\u9fff])[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]*"
                   r"(?:[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]*[)）]|$)")


def unglossed(text):
    return GLOSS.sub("", text)


def find_sentence(pred, key, anchor):
    """The record a gold line names: by source and seg.n, or — when a change to rpt split moved
    it (a line before it now kept or removed) — the one sentence of that source that starts with
    the anchor. None when neither finds it."""
    anchor = unglossed(anchor)
    r = pred.get(key)
    if r is not None and r["text"].startswith(anchor):
        return r
    same = [v for (src, n), v in pred.items() if src == key[0] and v["text"].startswith(anchor)]
    return same[0] if len(same) == 1 else None


def pct(a, b):
    return "%.1f%%" % (100.0 * a / b) if b else "-"
