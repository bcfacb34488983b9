"""Unit tests of the importer and the alignment (no PDF tools needed).

    $VENV/bin/python -m unittest discover tools/corpus
"""
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import align  # noqa: E402
import importers  # noqa: E402


def labels(text, blocks, furniture=()):
    lines, _ = align.align(text, blocks, list(furniture))
    return [r["label"] for r in align.breaks(text, lines)], lines


class ImportTest(unittest.TestCase):
    def test_markdown_markup_is_dropped_and_text_kept(self):
        md = ("---\ntitle: 组合式函数\n---\n\n## 什么是 *组合式* 函数 {/*what*/}\n\n"
              "这是[一个链接](http://x.y)和 `a*b*c` 代码，**加粗**文字\n继续一行。\n\n"
              "```js\nconst x = 1\n```\n\n| a | b |\n|---|---|\n\n- 列表项\n- 第二项\n")
        title, blocks = importers.import_markdown(md, "zh")
        self.assertEqual(title, "组合式函数")
        self.assertEqual(blocks[0], ("heading", "什么是 组合式 函数", 1))
        self.assertEqual(blocks[1], ("paragraph", "这是一个链接和 a*b*c 代码，加粗文字继续一行。", None))
        self.assertEqual([b[0] for b in blocks[2:]], ["list_item", "list_item"])

    def test_law_chapters_are_headings(self):
        law = "# 某某条例\n\n2003年4月2日 国务院令公布\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n第一条 为了……，制定本条例。\n"
        title, info, blocks = importers.import_law(law)
        self.assertEqual(title, "某某条例")
        self.assertEqual(info, ["2003年4月2日 国务院令公布"])
        self.assertEqual(blocks[0], ("heading", "第一章 总则", 1))


class AlignTest(unittest.TestCase):
    BLOCKS = [{"kind": "title", "text": "标题"},
              {"kind": "heading", "text": "一、总体要求——", "level": 1},
              {"kind": "paragraph", "text": "第一段的文字比较长，需要换行才能排完。"},
              {"kind": "paragraph", "text": "The second paragraph has a hyphenated word."}]

    def test_join_para_drop_and_hyphen(self):
        text = ("正文复制\n标题\n一、总体要求——\n第一段的文字比较长，\n第 1 页 共 2 页\n\f需要换行才能排完。\n"
                "The second paragraph has a hy-\nphenated word.\n")
        got, lines = labels(text, self.BLOCKS, ["正文复制", "第 1 页 共 2 页"])
        self.assertEqual(got, ["drop", "para", "para", "drop", "drop", "para", "join", None])
        self.assertEqual([ln.role for ln in lines[:3]], ["furniture", "title", "heading1"])

    def test_blank_lines_do_not_end_a_paragraph_and_radicals_fold(self):
        text = "第一段的⽂字比较长，\n\n需要换行才能排完。\nThe second paragraph\nhas a hyphenated word."
        got, _ = labels(text, self.BLOCKS)
        self.assertEqual(got, ["join", "join", "para", "join"])

    def test_columns_side_by_side_are_mixed(self):
        text = "第一段的文字比较长，      The second paragraph\n需要换行才能排完。        has a hyphenated word."
        got, lines = labels(text, self.BLOCKS)
        self.assertEqual([ln.status for ln in lines], ["mixed", "mixed"])
        self.assertEqual(got, [None])

    def test_interleaved_columns_are_para(self):
        text = "第一段的文字比较长，\nThe second paragraph\n需要换行才能排完。\nhas a hyphenated word."
        got, _ = labels(text, self.BLOCKS)
        self.assertEqual(got, ["para", "para", "para"])

    def test_offsets_are_utf8_bytes(self):
        text = "标题\n一、总体要求——\n"
        lines, _ = align.align(text, self.BLOCKS, [])
        brk = align.breaks(text, lines)
        raw = text.encode("utf-8")
        self.assertEqual([r["offset"] for r in brk], [i for i, b in enumerate(raw) if b == 10])
        json.dumps(brk)


if __name__ == "__main__":
    unittest.main()
