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
