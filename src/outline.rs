//! Outline: typed blocks → a tree of headings with the lead sentences under them.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::structure::{Block, BlockKind};

/// Whether an outline node is a heading or a lead sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// A section heading.
    Heading,
    /// A paragraph's lead sentence.
    Lead,
}

/// One node of the outline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutlineNode {
    /// The heading or lead text.
    pub text: String,
    /// Depth: headings keep their level, a lead sits one below its heading.
    pub level: u8,
    /// Heading or lead.
    pub kind: NodeKind,
    /// Index of the block it comes from.
    pub block: usize,
    /// Byte range of `text` in the cleaned document.
    pub range: Range<usize>,
    /// Nodes below it.
    pub children: Vec<OutlineNode>,
}

/// Builds the outline tree from the assembled blocks.
pub fn build_outline(blocks: &[Block]) -> Vec<OutlineNode> {
    let mut roots: Vec<OutlineNode> = Vec::new();
    // Path of open headings, as (level, index path into the tree).
    let mut stack: Vec<u8> = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        let node = match (b.kind, &b.lead) {
            (BlockKind::Heading, _) => {
                let level = b.level.unwrap_or(1);
                while stack.last().is_some_and(|l| *l >= level) {
                    stack.pop();
                }
                let node = OutlineNode {
                    text: b.text.clone(),
                    level,
                    kind: NodeKind::Heading,
                    block: i,
                    range: b.range.clone(),
                    children: Vec::new(),
                };
                insert(&mut roots, stack.len(), node);
                stack.push(level);
                continue;
            }
            (BlockKind::Paragraph | BlockKind::ListItem, Some(lead)) => OutlineNode {
                text: lead.clone(),
                level: stack.last().map_or(1, |l| l + 1),
                kind: NodeKind::Lead,
                block: i,
                range: b.range.start..b.range.start + lead.len(),
                children: Vec::new(),
            },
            _ => continue,
        };
        insert(&mut roots, stack.len(), node);
    }
    roots
}

/// Appends `node` at `depth` along the rightmost path of the tree.
fn insert(roots: &mut Vec<OutlineNode>, depth: usize, node: OutlineNode) {
    let mut list = roots;
    for _ in 0..depth {
        if list.is_empty() {
            break;
        }
        let last = list.len() - 1;
        list = &mut list[last].children;
    }
    list.push(node);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(kind: BlockKind, text: &str, level: Option<u8>, lead: Option<&str>) -> Block {
        Block {
            kind,
            text: text.into(),
            level,
            lead: lead.map(Into::into),
            range: 0..0,
            marker: None,
        }
    }

    #[test]
    fn nests_headings_and_leads() {
        let blocks = vec![
            block(BlockKind::Heading, "一、总则", Some(1), None),
            block(BlockKind::Paragraph, "甲。乙。", None, Some("甲。")),
            block(BlockKind::Heading, "（一）细则", Some(2), None),
            block(BlockKind::Paragraph, "丙。丁。", None, Some("丙。")),
            block(BlockKind::Heading, "二、附则", Some(1), None),
        ];
        let tree = build_outline(&blocks);
        assert_eq!(tree.len(), 2);
        assert_eq!(tree[0].children.len(), 2);
        assert_eq!(tree[0].children[0].kind, NodeKind::Lead);
        assert_eq!(tree[0].children[0].level, 2);
        assert_eq!(tree[0].children[1].children[0].text, "丙。");
        assert_eq!(tree[0].children[1].children[0].level, 3);
    }
}
