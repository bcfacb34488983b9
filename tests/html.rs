//! End to end: HTML pages and typed documents through the `qingwen` command line and the
//! library, as a user copying out of a web page would meet them.
#![cfg(feature = "cli")]

use std::io::Write;
use std::process::{Command, Stdio};

use qingwen::{analyze_document, html::parse_html, BlockKind, FixKind, Options};

/// A news page as web copies carry it: navigation, a copy label, a breadcrumb-like page
/// footer inside the text, a run-in bold lead, wrapped lines and page furniture.
const PAGE: &str = r#"<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<title>市场出清提速</title><script>window.track = "<p>不是正文</p>";</script></head><body>
<nav><a href="/">首页</a> &gt; <a href="/finance">财经</a></nav>
<div class="toolbar" aria-hidden="true">分享到 微信 微博</div>
<article>
<h1>市场出清提速 今年以来20家A股公司退市</h1>
<p>本报记者 张三</p>
<p>正文复制</p>
<h2>退市常态化</h2>
<p>今年以来,A股市场退市公司数量明显增加,退市渠道更加
多元,市场出清提速。</p>
<p><strong>一是强制退市增多。</strong>财务类、规范类、重大违法类退市
第 1 页 共 3 页
公司数量均有上升。</p>
<h3>交易类退市</h3>
<p>面值退市成为主要情形。</p>
</article>
<aside>热门推荐</aside><footer>版权所有 © 2026</footer>
</body></html>"#;

fn qingwen(args: &[&str], stdin: &str) -> serde_json::Value {
    let mut child = Command::new(env!("CARGO_BIN_EXE_qingwen"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the qingwen binary runs");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(stdin.as_bytes())
        .expect("stdin takes the input");
    let out = child.wait_with_output().expect("qingwen finishes");
    assert!(out.status.success(), "qingwen {args:?} failed");
    serde_json::from_slice(&out.stdout).expect("qingwen prints JSON")
}

#[test]
fn page_keeps_its_structure_and_loses_its_furniture() {
    let doc = parse_html(PAGE);
    let a = analyze_document(&doc, &Options::default());
    let blocks: Vec<(BlockKind, Option<u8>, &str)> = a
        .blocks
        .iter()
        .map(|b| (b.kind, b.level, b.text.as_str()))
        .collect();
    assert_eq!(
        blocks,
        [
            (
                BlockKind::Title,
                None,
                "市场出清提速 今年以来20家A股公司退市"
            ),
            (BlockKind::Byline, None, "本报记者 张三"),
            (BlockKind::Heading, Some(1), "退市常态化"),
            (
                BlockKind::Paragraph,
                None,
                "今年以来,A股市场退市公司数量明显增加,退市渠道更加多元,市场出清提速。"
            ),
            (
                BlockKind::Paragraph,
                None,
                "一是强制退市增多。财务类、规范类、重大违法类退市公司数量均有上升。"
            ),
            (BlockKind::Heading, Some(2), "交易类退市"),
            (BlockKind::Paragraph, None, "面值退市成为主要情形。"),
        ]
    );
    assert_eq!(a.blocks[4].lead.as_deref(), Some("一是强制退市增多。"));
    for banned in [
        "首页",
        "分享到",
        "不是正文",
        "热门推荐",
        "版权所有",
        "正文复制",
        "第 1 页",
    ] {
        assert!(
            !a.cleaned.contains(banned),
            "{banned} left in the cleaned text"
        );
    }
    let input = doc.text();
    for kind in [FixKind::CopyLabel, FixKind::PageFooter] {
        let fix = a
            .edits
            .iter()
            .find(|f| f.kind == kind)
            .expect("fix reported");
        assert!(input.get(fix.original.clone()).is_some());
    }
    assert_eq!(a.meta.title.as_deref(), Some(a.blocks[0].text.as_str()));
    assert_eq!(a.outline[0].text, "退市常态化");
    let under: Vec<&str> = a.outline[0]
        .children
        .iter()
        .map(|n| n.text.as_str())
        .collect();
    assert_eq!(under, ["一是强制退市增多。", "交易类退市"]);
}

#[test]
fn command_line_reads_html_by_extension_flag_and_typed_documents() {
    let path = std::env::temp_dir().join(format!("qingwen-test-{}.HTML", std::process::id()));
    std::fs::write(&path, PAGE).expect("temp file written");
    let by_extension = qingwen(
        &["analyze", path.to_str().expect("utf-8 path"), "--json"],
        "",
    );
    std::fs::remove_file(&path).ok();
    let by_flag = qingwen(&["analyze", "--html", "-"], PAGE);
    assert_eq!(by_extension["blocks"], by_flag["blocks"]);
    assert_eq!(by_flag["blocks"][2]["kind"], "heading");
    assert_eq!(by_flag["blocks"][2]["text"], "退市常态化");
    // Plain-text reading of the same bytes is not the same analysis.
    let as_text = qingwen(&["analyze", "-"], PAGE);
    assert_ne!(as_text["blocks"], by_flag["blocks"]);

    let typed = qingwen(
        &["analyze", "--document", "-"],
        r#"{"blocks": [{"kind": "heading", "level": 3, "text": "Scope"},
                       {"text": "What this covers,\nwrapped."}]}"#,
    );
    assert_eq!(typed["blocks"][0]["kind"], "heading");
    assert_eq!(typed["blocks"][0]["level"], 1);
    assert_eq!(typed["blocks"][1]["text"], "What this covers, wrapped.");
}
