//! The `qingwen` binary on files in the encodings Chinese text comes in: the same cleaned text
//! from UTF-8, UTF-16 LE/BE with a BOM, GB18030 and Big5; undecodable bytes are an error.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A paste a Big5 file can hold (traditional characters): wrapped lines, a page footer, spaces
/// at digits and quotes.
const TRADITIONAL: &str = "正文複製\n\
    臺灣各地的圖書館在過去十年間經歷了許多變化，讀者的閱讀習慣也隨之改變，館方因此推出\n\
    「 行動書車」 服務，每週走訪 12 個偏遠鄉鎮。\n\
    許多長者表示，書車不只帶來書籍，也帶來與人交談的機會，這對獨居的人來說格外重要，因此\n\
    第 1 頁 共 2 頁\n\
    館方計畫在明年增加兩輛書車。\n";

/// A fresh directory for one test's files.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("qingwen-cli-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn qingwen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qingwen"))
        .args(args)
        .output()
        .expect("the qingwen binary runs")
}

/// The cleaned text of `file` (run with `extra` arguments), and what went to stderr.
fn cleaned(file: &Path, extra: &[&str]) -> (String, String) {
    let mut args = vec!["analyze", file.to_str().expect("UTF-8 path"), "--json"];
    args.extend(extra);
    let out = qingwen(&args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{file:?}: {stderr}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    (
        json["cleaned"].as_str().expect("cleaned").to_owned(),
        stderr,
    )
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path
}

fn utf16(text: &str, little: bool) -> Vec<u8> {
    let mut bytes = if little {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        bytes.extend(if little {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    bytes
}

fn legacy(text: &str, encoding: &'static encoding_rs::Encoding) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding.encode(text);
    assert!(!unmappable, "{} holds the text", encoding.name());
    bytes.into_owned()
}

#[test]
fn every_encoding_gives_the_cleaned_text_of_utf8() {
    let dir = scratch("encodings");
    for (name, text, legacy_encoding) in [
        ("zh", support::zh_sample(), encoding_rs::GB18030),
        ("big5", TRADITIONAL.to_owned(), encoding_rs::BIG5),
    ] {
        let (want, quiet) = cleaned(&write(&dir, &format!("{name}.txt"), text.as_bytes()), &[]);
        assert_eq!(quiet, "", "nothing said for UTF-8");
        assert!(
            !want.contains("共 2 页") && !want.contains("共 2 頁"),
            "{want}"
        );
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        let files = [
            ("utf8-bom", with_bom, None),
            ("utf16le", utf16(&text, true), Some("UTF-16LE")),
            ("utf16be", utf16(&text, false), Some("UTF-16BE")),
            (
                "legacy",
                legacy(&text, legacy_encoding),
                Some(legacy_encoding.name()),
            ),
        ];
        for (kind, bytes, said) in files {
            let path = write(&dir, &format!("{name}-{kind}.txt"), &bytes);
            let (got, stderr) = cleaned(&path, &[]);
            assert_eq!(got, want, "{name} in {kind}");
            match said {
                Some(encoding) => assert!(stderr.contains(&format!("as {encoding}")), "{stderr}"),
                None => assert_eq!(stderr, ""),
            }
        }
    }
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn stdin_and_a_named_encoding() {
    let dir = scratch("named");
    let gbk = legacy(&support::zh_sample(), encoding_rs::GBK);
    let path = write(&dir, "gbk.txt", &gbk);
    let (want, _) = cleaned(
        &write(&dir, "utf8.txt", support::zh_sample().as_bytes()),
        &[],
    );
    let (got, stderr) = cleaned(&path, &["--encoding", "gbk"]);
    assert_eq!(got, want);
    assert!(stderr.contains("as GBK"), "{stderr}");
    let out = Command::new(env!("CARGO_BIN_EXE_qingwen"))
        .args(["analyze", "-", "--text"])
        .stdin(std::fs::File::open(&path).expect("open"))
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).expect("UTF-8"), want + "\n");
    assert!(String::from_utf8_lossy(&out.stderr).contains("read stdin as gb18030"));
    let out = qingwen(&["analyze", path.to_str().unwrap(), "--encoding", "klingon"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown encoding 'klingon'"));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn undecodable_bytes_are_an_error_naming_the_file_and_offset() {
    let dir = scratch("invalid");
    let text = support::zh_sample();
    let at = text.find("临江日报").unwrap();
    let cases: Vec<(&str, Vec<u8>, Vec<&str>, String)> = vec![
        (
            "damaged-utf8.txt",
            [&text.as_bytes()[..at], b"\xFF", &text.as_bytes()[at..]].concat(),
            vec![],
            format!("not valid UTF-8 at byte {at}"),
        ),
        (
            "odd-utf16.txt",
            [utf16("第一行", true), vec![0x41]].concat(),
            vec![],
            "not valid UTF-16LE at byte 8".to_owned(),
        ),
        (
            "bad-gbk.txt",
            [
                legacy("第一行文字", encoding_rs::GB18030),
                b"\x81\x20".to_vec(),
            ]
            .concat(),
            vec!["--encoding", "gb18030"],
            "not valid gb18030 at byte 10".to_owned(),
        ),
    ];
    for (name, bytes, extra, message) in cases {
        let path = write(&dir, name, &bytes);
        let mut args = vec!["analyze", path.to_str().unwrap()];
        args.extend(extra);
        let out = qingwen(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        assert!(stderr.contains(name), "{name}: {stderr}");
        assert!(
            stderr.to_lowercase().contains(&message.to_lowercase()),
            "{name}: {stderr}"
        );
        assert!(out.stdout.is_empty());
    }
    std::fs::remove_dir_all(dir).ok();
}

/// Runs qingwen with `args` and `input` on standard input.
fn qingwen_with_input(args: &[&str], input: &str) -> Output {
    qingwen_with_bytes(args, input.as_bytes())
}

/// Runs qingwen with `args` and `input` on standard input.
fn qingwen_with_bytes(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_qingwen"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the qingwen binary runs");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(input).expect("write stdin");
    drop(stdin);
    child.wait_with_output().expect("it ends")
}

/// Each line of JSONL output, parsed.
fn json_lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .expect("UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

#[test]
fn jsonl_keeps_input_order_and_gives_bad_files_an_error_line() {
    let dir = scratch("jsonl");
    let docs = dir.join("docs");
    std::fs::create_dir_all(docs.join("more")).expect("mkdir");
    let sample = support::zh_sample();
    let mut want = Vec::new();
    // More documents than a chunk of two threads, so that chunks follow each other.
    for i in 0..13 {
        let name = format!("{i:02}.txt");
        // Each document differs, so that a line in the wrong place shows.
        let body: String = sample.chars().take(1000 + i * 7).collect();
        let text = format!("第{i}号文件\n\n{body}");
        write(&docs, &name, text.as_bytes());
        want.push(docs.join(name));
    }
    write(&docs, "07b.txt", b"\xFF\xFE\x00");
    want.insert(8, docs.join("07b.txt"));
    write(&docs.join("more"), "x.md", "深入一层。".as_bytes());
    write(&docs, "skipped.bin", b"not a document");
    want.insert(14, docs.join("more/x.md"));
    let missing = dir.join("missing.txt");
    want.push(missing.clone());
    let out = qingwen(&[
        "analyze",
        docs.to_str().expect("UTF-8"),
        missing.to_str().expect("UTF-8"),
        "--jsonl",
        "--threads",
        "2",
    ]);
    assert_eq!(out.status.code(), Some(1), "some documents failed");
    assert!(String::from_utf8_lossy(&out.stderr).contains("2 of 16 documents failed"));
    let lines = json_lines(&out);
    let ids: Vec<&str> = lines
        .iter()
        .map(|l| l["id"].as_str().expect("id"))
        .collect();
    let want: Vec<String> = want
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    assert_eq!(ids, want);
    for (i, line) in lines.iter().enumerate() {
        let failed = i == 8 || i == 15;
        assert_eq!(line.get("error").is_some(), failed, "{i}: {line}");
        assert_eq!(line.get("analysis").is_some(), !failed, "{i}");
    }
    // --corpus (which has every term counted) leaves the document lines as they are, their
    // term and term-by-section tables cut at --top.
    let docs_arg = docs.to_str().expect("UTF-8");
    let top5 = json_lines(&qingwen(&["analyze", docs_arg, "--jsonl", "--top", "5"]));
    let with_corpus = qingwen(&["analyze", docs_arg, "--jsonl", "--top", "5", "--corpus"]);
    let with_corpus = json_lines(&with_corpus);
    assert_eq!(with_corpus.len(), top5.len() + 1);
    assert!(with_corpus[..top5.len()] == top5[..]);
    assert_eq!(
        top5[0]["analysis"]["termsBySection"]
            .as_array()
            .unwrap()
            .len(),
        5
    );
    assert!(lines[8]["error"].as_str().unwrap().contains("07b.txt"));
    assert!(lines[15]["error"].as_str().unwrap().contains("missing.txt"));
    // Each document's line is its single-document analysis.
    for i in [0, 12] {
        // File i's line: 07b.txt comes after 07.txt.
        let at = if i < 8 { i } else { i + 1 };
        let alone = qingwen(&["analyze", &want[at], "--json"]);
        let alone: serde_json::Value = serde_json::from_slice(&alone.stdout).expect("JSON");
        assert!(lines[at]["analysis"] == alone, "{}", want[at]);
        assert!(lines[at]["analysis"]["cleaned"]
            .as_str()
            .unwrap()
            .starts_with(&format!("第{i}号文件")));
    }
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn stdin_jsonl_in_jsonl_out() {
    let input = concat!(
        "{\"id\": 7, \"text\": \"干部要培养，干部要选拔。\"}\n",
        "not json\n",
        "\n",
        "{\"text\": \"第二份\"}\n",
        "{\"id\": \"page\", \"text\": \"<h1>标题</h1><p>正文段落。</p>\", \"html\": true}\n",
    );
    let out = qingwen_with_input(&["analyze", "--jsonl", "-"], input);
    assert_eq!(out.status.code(), Some(1));
    let lines = json_lines(&out);
    let ids: Vec<&serde_json::Value> = lines.iter().map(|l| &l["id"]).collect();
    assert_eq!(
        ids,
        [
            &serde_json::json!(7),
            &serde_json::json!(2),
            &serde_json::json!(4),
            &serde_json::json!("page")
        ]
    );
    assert_eq!(lines[0]["analysis"]["terms"][0]["term"], "干部");
    assert_eq!(lines[0]["analysis"]["terms"][0]["count"], 2);
    assert!(lines[1]["error"].as_str().unwrap().starts_with("line 2: "));
    assert_eq!(lines[2]["analysis"]["cleaned"], "第二份");
    // Read as a page: its tags are structure, not text.
    assert_eq!(lines[3]["analysis"]["blocks"][0]["text"], "标题");
    assert!(!lines[3]["analysis"]["cleaned"]
        .as_str()
        .unwrap()
        .contains('<'));
    // A line that is not UTF-8 gets its error line; more blank lines than a chunk holds do
    // not end the input.
    let mut input = b"{\"id\": 1, \"text\": \"\xE6\x96\"}\n".to_vec();
    input.extend(b"\n".repeat(50));
    input.extend("{\"id\": 2, \"text\": \"清文\"}".as_bytes());
    let out = qingwen_with_bytes(&["analyze", "--jsonl", "-", "--threads", "1"], &input);
    assert_eq!(out.status.code(), Some(1));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["error"], "line 1: not valid UTF-8 at byte 19");
    assert_eq!(lines[1]["analysis"]["cleaned"], "清文");
    // With no file named, --jsonl reads standard input too.
    let out = qingwen_with_input(&["analyze", "--jsonl"], "{\"id\": 1, \"text\": \"清文\"}\n");
    assert!(out.status.success());
    assert_eq!(json_lines(&out).len(), 1);
}

#[test]
fn corpus_tables_of_two_documents() {
    let input = concat!(
        "{\"id\": \"a\", \"text\": \"干部要培养，干部要选拔。\"}\n",
        "{\"id\": \"b\", \"text\": \"培养干部，培养人才。\"}\n",
    );
    let dir = scratch("corpus");
    let csv = dir.join("tables");
    let out = qingwen_with_input(
        &[
            "analyze",
            "--jsonl",
            "--corpus",
            "--corpus-csv",
            csv.to_str().unwrap(),
        ],
        input,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 3, "two documents, then the corpus");
    // The document lines are those of --jsonl alone (the top terms, not every term).
    let alone = json_lines(&qingwen_with_input(
        &["analyze", "--jsonl", "--top", "1"],
        input,
    ));
    let with = qingwen_with_input(&["analyze", "--jsonl", "--top", "1", "--corpus"], input);
    assert_eq!(json_lines(&with)[..2], alone[..]);
    assert_eq!(alone[0]["analysis"]["terms"].as_array().unwrap().len(), 1);
    let corpus = &lines[2]["corpus"];
    // a: 干部 2, 培养 1, 选拔 1 (4 tokens); b: 培养 1, 干部 1, 培养人才 1 (3 tokens).
    let terms: Vec<(&str, u64, u64)> = corpus["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["term"].as_str().unwrap(),
                t["count"].as_u64().unwrap(),
                t["documents"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        terms,
        [
            ("干部", 3, 2),
            ("培养", 2, 2),
            ("培养人才", 1, 1),
            ("选拔", 1, 1)
        ]
    );
    let close = |v: &serde_json::Value, x: f64| (v.as_f64().unwrap() - x).abs() < 1e-9;
    assert!(close(&corpus["terms"][0]["per10k"], 3.0 / 7.0 * 1e4));
    assert_eq!(corpus["documents"][0]["tokens"], 4);
    assert_eq!(corpus["documents"][1]["tokens"], 3);
    // TF-IDF: 选拔 1/4 × ln(2/1); 培养人才 1/3 × ln 2; 干部 and 培养 are in both: left out.
    let a = &corpus["distinctive"][0]["terms"];
    assert_eq!(a.as_array().unwrap().len(), 1);
    assert_eq!(a[0]["term"], "选拔");
    assert!(close(&a[0]["score"], 0.25 * 2f64.ln()));
    assert!(close(
        &corpus["distinctive"][1]["terms"][0]["score"],
        2f64.ln() / 3.0
    ));
    // Cosine of (干部 2, 培养 1, 选拔 1) and (干部 1, 培养 1, 培养人才 1): 3 / (√6 √3).
    assert!(close(
        &corpus["similarity"]["matrix"][0][1],
        3.0 / 18f64.sqrt()
    ));
    let trend = &corpus["trends"][0];
    assert_eq!(trend["term"], "干部");
    assert!(close(&trend["points"][1]["per10k"], 1e4 / 3.0));
    let terms_csv = std::fs::read_to_string(csv.join("terms.csv")).expect("terms.csv");
    assert!(
        terms_csv.starts_with("\u{feff}term,count,documents,per10k\r\n干部,3,2,4285.714286\r\n"),
        "{terms_csv}"
    );
    for name in ["documents", "distinctive", "trends", "similarity"] {
        assert!(csv.join(format!("{name}.csv")).is_file(), "{name}.csv");
    }
    std::fs::remove_dir_all(dir).ok();
}
