"""Reading the hand-annotated fact gold files of testdata/gold (extract.gold, extract.heldout*,
extract.unseen.*): what eval-extract scores rpt against and gold-agree compares two annotators by.
A file's header says its format; in short, tab-separated lines:
  types  TYPE…                          the fact types the file annotates
  @  source  seg.n  anchor              a sentence
  q|c|i|d|p|b  fields…                  a fact of the sentence (testdata/gold/unseen.md)
"""
import sys
import unicodedata

import rptgold

TYPES = {"q": "quantity", "c": "change", "i": "indicator", "d": "date", "p": "period",
         "b": "citation"}


def width_folded(s):
    """A change's basis is compared width-folded (比１９５５年 and 比1955年 are one basis): rpt
    gives it as it reads it, the annotators wrote it as the page does."""
    return unicodedata.normalize("NFKC", s) if s else s


def load_gold(path):
    """[(key, anchor, [facts])] and the annotated types. A fact: {type, key, stance, metric}."""
    rows, types = [], None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if cols[0] == "types":
                types = cols[1:]
            elif cols[0] == "@":
                rows.append({"key": (cols[1], int(cols[2])), "anchor": cols[3], "facts": []})
            else:
                cols = [rptgold.unglossed(c) for c in cols]  # as rpt split now gives the text
                t = TYPES[cols[0]]
                fact = {"type": t, "stance": None, "metric": None}
                if t == "quantity":
                    fact["key"] = cols[1:6]
                    fact["stance"] = cols[6] if len(cols) > 6 else None
                elif t == "change":
                    fact["key"] = cols[1:5] + [width_folded(cols[5])]
                    fact["stance"] = cols[6] if len(cols) > 6 else None
                elif t == "indicator":
                    fact["key"] = cols[1:3]
                    fact["stance"] = cols[3] if len(cols) > 3 else None
                    fact["metric"] = cols[4] if len(cols) > 4 and cols[4] != "-" else None
                else:
                    fact["key"] = cols[1:]
                rows[-1]["facts"].append(fact)
    if not types:
        sys.exit("%s: no types line" % path)
    return rows, types


def same(t, gold, pred):
    if t == "indicator":
        return gold[1] == pred[1] and (gold[0].endswith(pred[0]) or pred[0].endswith(gold[0]))
    if t == "period" and len(gold) > 1 and gold[1] == "-":
        return gold[0] == pred[0]
    return gold == pred
