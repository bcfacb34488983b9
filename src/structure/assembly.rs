//! Assembly: the detected blocks and the cleaned text → the final document, blocks
//! separated by a blank line, each with its range.

use super::*;

/// Joins the blocks into the cleaned document (a blank line between blocks) and sets each
/// block's range from its paragraph's range in the cleaned text: `doc` must have been
/// detected from `cleaned`'s paragraphs.
pub fn assemble(doc: Document, cleaned: Cleaned) -> Assembled {
    let paragraphs = cleaned.paragraph_ranges();
    let mut tracked = cleaned.text;
    // A break the cleaned text already marks with a blank line stays as it is.
    let s = tracked.as_str().as_bytes();
    let seps: Vec<Edit> = (0..s.len())
        .filter(|&i| s[i] == b'\n' && s.get(i + 1) != Some(&b'\n') && (i == 0 || s[i - 1] != b'\n'))
        .map(|i| Edit::replace(i..i + 1, "\n\n", FixKind::Layout))
        .collect();
    // Each separator before a paragraph moved it one byte on.
    let shifts: Vec<usize> = seps.iter().map(|e| e.range.start).collect();
    tracked.apply(seps);
    let (text, edits) = tracked.finish();
    let mut blocks = doc.blocks;
    // Blocks are the paragraphs, in order; a block past the last paragraph (a document not
    // detected from this text) gets an empty range at the end.
    for (i, b) in blocks.iter_mut().enumerate() {
        b.marker = Marker::of(b.kind, &b.text);
        b.range = match paragraphs.get(i) {
            Some(r) => {
                let shift = shifts.partition_point(|&s| s < r.start);
                r.start + shift..r.end + shift
            }
            None => text.len()..text.len(),
        };
    }
    Assembled {
        cleaned: text,
        meta: doc.meta,
        blocks,
        edits,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_and_list_items_keep_their_markers() {
        let blocks = [
            (
                BlockKind::Heading,
                "一、总体要求",
                Some(Marker::Numbering(Numbering::CnComma, "一、".len())),
            ),
            (
                BlockKind::ListItem,
                "• 第三项",
                Some(Marker::Bullet("•".len())),
            ),
            (BlockKind::Paragraph, "一、不是标题的段落。", None),
        ];
        for (kind, text, want) in blocks {
            assert_eq!(Marker::of(kind, text), want, "{text}");
        }
    }

    #[test]
    fn blocks_are_separated_by_a_blank_line_and_their_ranges_slice_back() {
        let input = "标题\n第一段，\n写完。\n\n第二段。\n";
        let cleaned = crate::clean(input, &crate::CleanOptions::default());
        let doc = detect_structure(&cleaned.paragraphs());
        let a = assemble(doc, cleaned);
        assert_eq!(a.cleaned, "标题\n\n第一段，写完。\n\n第二段。");
        let texts: Vec<&str> = a
            .blocks
            .iter()
            .map(|b| &a.cleaned[b.range.clone()])
            .collect();
        assert_eq!(texts, ["标题", "第一段，写完。", "第二段。"]);
        assert!(a
            .blocks
            .iter()
            .all(|b| a.cleaned[b.range.clone()] == b.text));
        // Fixes point into the assembled text; the separators are layout, never reported.
        let join = a
            .edits
            .iter()
            .find(|f| f.kind == FixKind::LineJoin)
            .unwrap();
        assert_eq!(&input[join.original.clone()], "\n");
        assert!(join.cleaned.is_empty() && a.cleaned[join.cleaned.start..].starts_with("写完"));
        assert!(a.edits.iter().all(|f| f.kind != FixKind::Layout));
    }

    #[test]
    fn a_block_without_a_paragraph_gets_an_empty_range_at_the_end() {
        let cleaned = crate::clean("甲。", &crate::CleanOptions::default());
        let doc = detect_structure(&["甲。", "乙。"]);
        let a = assemble(doc, cleaned);
        assert_eq!(a.blocks[0].range, 0..6);
        assert_eq!(a.blocks[1].range, 6..6);
    }
}
