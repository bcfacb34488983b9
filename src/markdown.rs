//! Markdown rendering: an [`Analysis`] → the cleaned document as Markdown (meta as a
//! header block, `#` headings by level, leads in bold, list items as `-` items).

use crate::shapes::Numbering;
use crate::structure::{BlockKind, Marker};
use crate::Analysis;

/// Renders the analysed document as Markdown.
///
/// The title is the one `#` heading; section headings start at `##` and go one `#`
/// deeper per level. Source, date, page and byline open the document as a quote block.
///
/// # Examples
///
/// ```
/// let text = "人民日报 2026年6月12日 星期五\n\n稳中求进 行稳致远\n\n本报记者 张三\n\n\
///     一、总体要求\n\n（一）加强统筹。坚持稳中求进工作总基调，推动高质量发展。\n";
/// let a = qingwen::analyze(text, &qingwen::Options::default());
/// let md = qingwen::markdown::render_markdown(&a);
/// assert!(md.starts_with("> 来源 Source: 人民日报\n> 日期 Date: 2026-06-12\n"));
/// assert!(md.contains("\n# 稳中求进 行稳致远\n"));
/// assert!(md.contains("\n## 一、总体要求\n"));
/// assert!(md.contains("\n**（一）加强统筹。**坚持"));
/// ```
pub fn render_markdown(a: &Analysis) -> String {
    let m = &a.meta;
    let header: Vec<String> = [
        ("来源 Source", &m.source),
        ("日期 Date", &m.date),
        ("版面 Page", &m.page),
        ("作者 Byline", &m.byline),
    ]
    .iter()
    .filter_map(|(k, v)| v.as_ref().map(|v| format!("> {k}: {}", one_line(v))))
    .collect();
    let mut chunks: Vec<String> = Vec::new();
    if !header.is_empty() {
        chunks.push(header.join("\n"));
    }
    let mut prev_kind = None;
    for b in &a.blocks {
        let text = one_line(&b.text);
        let text = text.as_str();
        // A block that came back from JSON (a library caller's) has no marker: read it again.
        let marker = b.marker.or_else(|| Marker::of(b.kind, text));
        let chunk = match b.kind {
            // A title the extractor wrapped onto two lines is one heading.
            BlockKind::Title if prev_kind == Some(BlockKind::Title) => {
                if let Some(last) = chunks.last_mut() {
                    let glue = last
                        .chars()
                        .last()
                        .is_some_and(|c| c.is_ascii_alphanumeric())
                        && text
                            .chars()
                            .next()
                            .is_some_and(|c| c.is_ascii_alphanumeric());
                    if glue {
                        last.push(' ');
                    }
                    last.push_str(text);
                }
                prev_kind = Some(b.kind);
                continue;
            }
            BlockKind::Title => format!("# {text}"),
            BlockKind::Subtitle => format!("*{}*", escape_emphasis(text)),
            BlockKind::Byline | BlockKind::Meta => {
                prev_kind = Some(b.kind);
                continue;
            }
            BlockKind::Heading => {
                let text = match marker {
                    Some(Marker::Numbering(Numbering::Markdown(_), len)) => {
                        text.get(len..).unwrap_or(text).trim()
                    }
                    _ => text,
                };
                let depth = usize::from(b.level.unwrap_or(1)).min(5) + 1;
                format!("{} {text}", "#".repeat(depth))
            }
            BlockKind::ListItem => match marker {
                Some(Marker::Bullet(len)) => {
                    format!("- {}", text.get(len..).unwrap_or(text).trim_start())
                }
                _ => format!("- {text}"),
            },
            BlockKind::Paragraph => match &b.lead {
                Some(lead) if text.starts_with(lead.as_str()) => {
                    format!("**{lead}**{}", &text[lead.len()..])
                }
                _ => escape_line_start(text),
            },
        };
        chunks.push(chunk);
        prev_kind = Some(b.kind);
    }
    let mut out = chunks.join("\n\n");
    out.push('\n');
    out
}

/// Block text on one line (a block never holds a line break, but a library caller's may).
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Keeps a paragraph that starts like Markdown syntax (`#`, `-`, `1.`, `>`) a paragraph.
fn escape_line_start(s: &str) -> String {
    let needs = s.starts_with(['#', '>', '-', '+', '*', '='])
        || s.bytes().take_while(u8::is_ascii_digit).count() > 0
            && s.trim_start_matches(|c: char| c.is_ascii_digit())
                .starts_with(['.', ')']);
    if needs {
        format!("\\{s}")
    } else {
        s.to_owned()
    }
}

/// `*` inside an italic span would end it early.
fn escape_emphasis(s: &str) -> String {
    s.replace('*', "\\*")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{analyze, Options};

    #[test]
    fn renders_header_title_headings_leads_and_lists() {
        // Blank lines between paragraphs, so that this test does not depend on reflow.
        let text = [
            "四川日报/2024年/2月/20日/第001版",
            "奋进现代化建设新征程 彰显组织工作新担当新作为",
            "——2023年全省组织工作综述",
            "川组宣 四川日报全媒体记者 樊邦平",
            "2023年,是全面贯彻X的二十大精神的开局之年。",
            "突出凝心铸魂 高举思想旗帜",
            "时代孕育思想,思想指引航程。全省组织工作高举思想之旗。",
            "高标准组织开展主题教育。坚持把开展学习贯彻主题教育作为一项重大任务。",
            "高站位抓好重要指示精神学习贯彻。建立第一议题制度。",
        ]
        .join("\n\n");
        let a = analyze(&text, &Options::default());
        let md = render_markdown(&a);
        let expected = "> 来源 Source: 四川日报\n\
            > 日期 Date: 2024-02-20\n\
            > 版面 Page: 001\n\
            > 作者 Byline: 川组宣 四川日报全媒体记者 樊邦平\n\n\
            # 奋进现代化建设新征程 彰显组织工作新担当新作为\n\n\
            *——2023年全省组织工作综述*\n\n\
            2023年,是全面贯彻X的二十大精神的开局之年。\n\n\
            ## 突出凝心铸魂 高举思想旗帜\n\n\
            时代孕育思想,思想指引航程。全省组织工作高举思想之旗。\n\n\
            **高标准组织开展主题教育。**坚持把开展学习贯彻主题教育作为一项重大任务。\n\n\
            **高站位抓好重要指示精神学习贯彻。**建立第一议题制度。\n";
        assert_eq!(md, expected);
    }

    #[test]
    fn paragraphs_that_look_like_syntax_are_escaped() {
        assert_eq!(escape_line_start("2023. 回顾"), "\\2023. 回顾");
        assert_eq!(escape_line_start("# not a heading"), "\\# not a heading");
        assert_eq!(escape_line_start("2023年回顾"), "2023年回顾");
    }
}
