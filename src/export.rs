//! Export: term tables → CSV text (UTF-8 with a byte-order mark, RFC 4180 quoting).
//!
//! The BOM is what makes Excel read the file as UTF-8 and show Chinese correctly; lines end
//! in CRLF as RFC 4180 says. (JSON needs no help: every result type serializes with serde,
//! and in JS `JSON.stringify` does it.)

use crate::corpus::CorpusTables;
use crate::keywords::Keyword;
use crate::phrases::Phrase;
use crate::terms::{SectionTerms, TermBySection, TermCount};

const BOM: char = '\u{FEFF}';

/// Appends one CSV record; a field is quoted when it holds a comma, quote or line break (or
/// starts or ends with a space), its quotes doubled.
fn record<S: AsRef<str>>(out: &mut String, fields: impl IntoIterator<Item = S>) {
    for (i, f) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let f = f.as_ref();
        let quote = f.contains([',', '"', '\n', '\r']) || f.starts_with(' ') || f.ends_with(' ');
        if quote {
            out.push('"');
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(f);
        }
    }
    out.push_str("\r\n");
}

/// A number as CSV shows it: up to six decimals, trailing zeros dropped.
fn num(x: f64) -> String {
    let mut s = format!("{x:.6}");
    while s.contains('.') && (s.ends_with('0') || s.ends_with('.')) {
        s.pop();
    }
    s
}

/// The term table as CSV: `term,count,per10k,tag`.
///
/// # Examples
///
/// ```
/// let terms = qingwen::terms::term_frequencies("干部要培养，干部要选拔。", &Default::default());
/// let csv = qingwen::export::terms_csv(&terms);
/// assert!(csv.starts_with("\u{feff}term,count,per10k,tag\r\n干部,2,"));
/// ```
pub fn terms_csv(terms: &[TermCount]) -> String {
    let mut out = String::from(BOM);
    record(&mut out, ["term", "count", "per10k", "tag"]);
    for t in terms {
        record(
            &mut out,
            [&t.term, &t.count.to_string(), &num(t.per10k), &t.tag],
        );
    }
    out
}

/// Keywords as CSV: `term,score,tag`.
pub fn keywords_csv(keywords: &[Keyword]) -> String {
    let mut out = String::from(BOM);
    record(&mut out, ["term", "score", "tag"]);
    for k in keywords {
        record(&mut out, [&k.term, &num(k.score), &k.tag]);
    }
    out
}

/// Phrases as CSV: `phrase,words,count,pmi,llr` (the words separated by spaces).
pub fn phrases_csv(phrases: &[Phrase]) -> String {
    let mut out = String::from(BOM);
    record(&mut out, ["phrase", "words", "count", "pmi", "llr"]);
    for p in phrases {
        record(
            &mut out,
            [
                &p.phrase,
                &p.words.join(" "),
                &p.count.to_string(),
                &num(p.pmi),
                &num(p.llr),
            ],
        );
    }
    out
}

/// The term-by-section table as CSV: `term,total`, then one column per section headed by
/// the section's heading (`(前言)` for the text before the first heading).
pub fn sections_csv(sections: &[SectionTerms], table: &[TermBySection]) -> String {
    let mut out = String::from(BOM);
    let mut header = vec!["term".to_owned(), "total".to_owned()];
    header.extend(
        sections
            .iter()
            .map(|s| s.heading.clone().unwrap_or_else(|| "(前言)".to_owned())),
    );
    record(&mut out, &header);
    let mut row: Vec<String> = Vec::with_capacity(header.len());
    for t in table {
        row.clear();
        row.push(t.term.clone());
        row.push(t.total.to_string());
        row.extend(t.counts.iter().map(usize::to_string));
        record(&mut out, &row);
    }
    out
}

/// The tables of a corpus as CSV files: `(file name, contents)` for `documents.csv`,
/// `terms.csv`, `distinctive.csv`, `trends.csv` (a term's count per 10,000 tokens in each
/// document, one column per document) and `similarity.csv` (documents × documents; left out
/// when the tables have no similarity matrix).
pub fn corpus_csv(tables: &CorpusTables) -> Vec<(&'static str, String)> {
    let mut documents = String::from(BOM);
    record(
        &mut documents,
        [
            "name",
            "title",
            "date",
            "size",
            "tokens",
            "distinct_terms",
            "top_terms",
        ],
    );
    for d in &tables.documents {
        record(
            &mut documents,
            [
                d.name.as_str(),
                d.title.as_deref().unwrap_or(""),
                d.date.as_deref().unwrap_or(""),
                &d.size.to_string(),
                &d.tokens.to_string(),
                &d.distinct_terms.to_string(),
                &d.top_terms.join(" "),
            ],
        );
    }
    let mut terms = String::from(BOM);
    record(&mut terms, ["term", "count", "documents", "per10k"]);
    for t in &tables.terms {
        record(
            &mut terms,
            [
                &t.term,
                &t.count.to_string(),
                &t.documents.to_string(),
                &num(t.per10k),
            ],
        );
    }
    let mut distinctive = String::from(BOM);
    record(
        &mut distinctive,
        ["document", "rank", "term", "count", "tfidf"],
    );
    for d in &tables.distinctive {
        for (rank, t) in d.terms.iter().enumerate() {
            record(
                &mut distinctive,
                [
                    &d.document,
                    &(rank + 1).to_string(),
                    &t.term,
                    &t.count.to_string(),
                    &num(t.score),
                ],
            );
        }
    }
    let names: Vec<&str> = tables.documents.iter().map(|d| d.name.as_str()).collect();
    let header = |first: &'static str| std::iter::once(first).chain(names.iter().copied());
    let mut trends = String::from(BOM);
    record(&mut trends, header("term"));
    for t in &tables.trends {
        let per10k = t.points.iter().map(|p| num(p.per10k));
        record(&mut trends, std::iter::once(t.term.clone()).chain(per10k));
    }
    let mut files = vec![
        ("documents.csv", documents),
        ("terms.csv", terms),
        ("distinctive.csv", distinctive),
        ("trends.csv", trends),
    ];
    if let Some(matrix) = &tables.similarity {
        let mut similarity = String::from(BOM);
        record(&mut similarity, header("document"));
        for (name, row) in names.iter().zip(&matrix.matrix) {
            let cells = row.iter().map(|&x| num(x));
            record(
                &mut similarity,
                std::iter::once(name.to_string()).chain(cells),
            );
        }
        files.push(("similarity.csv", similarity));
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc4180_quoting() {
        let mut out = String::new();
        record(
            &mut out,
            ["a,b", "say \"hi\"", "line\nbreak", " pad", "plain", "汉字"],
        );
        assert_eq!(
            out,
            "\"a,b\",\"say \"\"hi\"\"\",\"line\nbreak\",\" pad\",plain,汉字\r\n"
        );
    }

    #[test]
    fn corpus_tables() {
        use crate::corpus::{Corpus, DocumentSummary, TableSizes};
        let mut corpus = Corpus::default();
        corpus.add(DocumentSummary::from_counts(
            "a,1",
            6,
            [("猫", 3), ("狗", 1)],
        ));
        corpus.add(DocumentSummary::from_counts("b", 3, [("猫", 1)]));
        let files = corpus_csv(&corpus.tables(TableSizes::default()));
        let get = |name: &str| &files.iter().find(|(n, _)| *n == name).expect(name).1;
        assert_eq!(
            get("terms.csv"),
            "\u{feff}term,count,documents,per10k\r\n猫,4,2,8000\r\n狗,1,1,2000\r\n"
        );
        assert_eq!(
            get("similarity.csv"),
            "\u{feff}document,\"a,1\",b\r\n\"a,1\",1,0.948683\r\nb,0.948683,1\r\n"
        );
        assert!(get("documents.csv").contains("\"a,1\",,,6,4,2,猫 狗\r\n"));
        // 狗: 1/4 × ln 2 = 0.173287; 猫 is in both documents.
        assert!(get("distinctive.csv").ends_with("\"a,1\",1,狗,1,0.173287\r\n"));
        assert!(get("trends.csv").contains("猫,7500,10000\r\n"));
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(num(2.0), "2");
        assert_eq!(num(1234.5678901), "1234.56789");
        assert_eq!(num(0.0), "0");
    }

    #[test]
    fn sections_table() {
        let sections = [
            SectionTerms {
                heading: None,
                first_block: 0,
                block_count: 1,
                tokens: 1,
                terms: Vec::new(),
            },
            SectionTerms {
                heading: Some("一、建设, 发展".into()),
                first_block: 1,
                block_count: 2,
                tokens: 3,
                terms: Vec::new(),
            },
        ];
        let table = [TermBySection {
            term: "学校".into(),
            total: 3,
            counts: vec![1, 2],
        }];
        assert_eq!(
            sections_csv(&sections, &table),
            "\u{feff}term,total,(前言),\"一、建设, 发展\"\r\n学校,3,1,2\r\n"
        );
    }
}
