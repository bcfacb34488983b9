//! The qingwen command line: the same pipeline as the web page, for batch use.
//!
//! ```text
//! qingwen analyze [FILE|-] [--json|--md|--text|--csv[=TABLE]] [TERM OPTIONS]
//! qingwen segment [FILE|-] [TERM OPTIONS]
//! qingwen kwic TERM [FILE|-] [--window N] [--json]
//! ```

use std::io::{self, Read, Write};
use std::process::ExitCode;

use qingwen::segment::Segmenter;
use qingwen::{analyze, export, Analysis, KeywordMethod, Options, SegmentMode, TermOptions};

const USAGE: &str =
    "usage: qingwen analyze [FILE|-] [--json|--md|--text|--csv[=TABLE]] [TERM OPTIONS]
       qingwen segment [FILE|-] [TERM OPTIONS]
       qingwen kwic TERM [FILE|-] [--window N] [--json]

Cleans text pasted out of a PDF or web page, outlines it and counts its terms.
  FILE     the text to read (UTF-8); '-' or nothing reads standard input

analyze:
  --json   the full analysis as JSON (default)
  --md     the cleaned document as Markdown
  --text   the cleaned text only
  --csv    the term table as CSV (UTF-8 with BOM, for Excel); --csv=keywords,
           --csv=phrases or --csv=sections for the other tables

segment: prints each input line's words separated by two spaces (the SIGHAN format),
  segmented as analyze segments them (no cleanup; every word, punctuation included).

kwic: every occurrence of TERM in the cleaned text with --window N characters (default
  20) of context on each side, one per line as left<TAB>term<TAB>right; --json for JSON.

term options (analyze and segment):
  --user-dict FILE   user dictionary, one 'word [freq] [tag]' per line
  --stopwords FILE   more stopwords, one per line
  --no-stopwords     do not drop the built-in stopwords
  --pos n,v          keep only terms whose POS tag starts with one of these
  --min-len N        drop terms shorter than N characters
  --top N            how many terms to list (0: all; default 200)
  --keep-numbers     count numbers, numerals and measure words too
  --search           search mode: long words are also counted as their parts
  --no-hmm           do not guess words missing from the dictionary
  --keywords N       how many keywords (default 20)
  --textrank         rank keywords by TextRank instead of TF-IDF
  --phrases N        how many phrases (default 20)
";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    Markdown,
    Text,
    Csv(Table),
}

/// Which table `--csv` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Table {
    Terms,
    Keywords,
    Phrases,
    Sections,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Command {
    Analyze,
    Segment,
    Kwic,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // For measuring the layout model against the rules alone.
    if std::env::var_os("QINGWEN_LAYOUT_MODEL").is_some_and(|v| v == "off") {
        qingwen::reflow::use_model(false);
    }
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("qingwen: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<(), String> {
    let mut args = args.iter().map(String::as_str);
    let command = match args.next() {
        Some("analyze") => Command::Analyze,
        Some("segment") => Command::Segment,
        Some("kwic") => Command::Kwic,
        Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            return Ok(());
        }
        Some("-V" | "--version") => {
            println!("qingwen {}", env!("CARGO_PKG_VERSION"));
            return Ok(());
        }
        Some(other) => return Err(format!("unknown command '{other}'\n{USAGE}")),
        None => return Err(USAGE.to_owned()),
    };
    let mut format: Option<Format> = None;
    let mut path: Option<&str> = None;
    let mut term: Option<&str> = None;
    let mut window = 20usize;
    let mut options = Options::default();
    let t = &mut options.terms;
    while let Some(a) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .ok_or_else(|| format!("option '{name}' needs a value"))
        };
        match a {
            "--json" => format = Some(Format::Json),
            "--md" | "--markdown" => format = Some(Format::Markdown),
            "--text" => format = Some(Format::Text),
            "--csv" | "--csv=terms" => format = Some(Format::Csv(Table::Terms)),
            "--csv=keywords" => format = Some(Format::Csv(Table::Keywords)),
            "--csv=phrases" => format = Some(Format::Csv(Table::Phrases)),
            "--csv=sections" => format = Some(Format::Csv(Table::Sections)),
            "--user-dict" => t.user_dict = read_text(value(a)?)?,
            "--stopwords" => {
                let list = read_text(value(a)?)?;
                t.extra_stopwords.extend(
                    list.trim_start_matches('\u{FEFF}')
                        .lines()
                        .map(str::trim)
                        .filter(|w| !w.is_empty() && !w.starts_with('#'))
                        .map(str::to_owned),
                );
            }
            "--no-stopwords" => t.stopwords = false,
            "--pos" => {
                t.pos = value(a)?
                    .split(',')
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(str::to_owned)
                    .collect();
            }
            "--min-len" => t.min_length = number(a, value(a)?)?,
            "--top" => t.top = number(a, value(a)?)?,
            "--keep-numbers" => t.keep_numbers = true,
            "--search" => t.mode = SegmentMode::Search,
            "--no-hmm" => t.hmm = false,
            "--keywords" => t.keywords = number(a, value(a)?)?,
            "--textrank" => t.keyword_method = KeywordMethod::Textrank,
            "--phrases" => t.phrases = number(a, value(a)?)?,
            "--window" => window = number(a, value(a)?)?,
            "-h" | "--help" => {
                print!("{USAGE}");
                return Ok(());
            }
            "-" if command != Command::Kwic || term.is_some() => path = Some("-"),
            flag if flag.starts_with("--") || (flag.starts_with('-') && flag.len() > 1) => {
                return Err(format!("unknown option '{flag}'"))
            }
            word if command == Command::Kwic && term.is_none() => term = Some(word),
            file if path.is_none() => path = Some(file),
            extra => return Err(format!("unexpected argument '{extra}'")),
        }
    }
    let bytes = read_input(path.unwrap_or("-"))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "{}: input is not valid UTF-8 (at byte {})",
            path.unwrap_or("stdin"),
            e.utf8_error().valid_up_to()
        )
    })?;
    for e in qingwen::segment::check_user_dict(&options.terms.user_dict) {
        eprintln!(
            "qingwen: user dictionary line {}: {} (skipped)",
            e.line, e.message
        );
    }
    let out = match command {
        Command::Segment => segment_lines(&text, &options.terms),
        Command::Kwic => {
            let term = term.ok_or("kwic needs a TERM")?;
            let cleaned = analyze_cleaned(&text, &options);
            let hits = qingwen::kwic::concordance(&cleaned, term, window);
            if format == Some(Format::Json) {
                serde_json::to_string(&hits).map_err(|e| e.to_string())? + "\n"
            } else {
                let mut out = String::new();
                for h in hits {
                    let flat = |s: &str| s.replace(['\t', '\n'], " ");
                    out += &format!("{}\t{}\t{}\n", flat(&h.left), h.keyword, flat(&h.right));
                }
                out
            }
        }
        Command::Analyze => {
            let analysis = analyze(&text, &options);
            match format.unwrap_or(Format::Json) {
                Format::Json => serde_json::to_string(&analysis).map_err(|e| e.to_string())? + "\n",
                Format::Markdown => qingwen::markdown::render_markdown(&analysis),
                Format::Text => analysis.cleaned.clone() + "\n",
                Format::Csv(table) => csv(&analysis, table),
            }
        }
    };
    write_out(&out)
}

/// The cleaned text that `analyze` would produce, without ranking keywords or phrases.
fn analyze_cleaned(text: &str, options: &Options) -> String {
    let mut quick = options.clone();
    quick.terms.top = 1;
    quick.terms.keywords = 0;
    quick.terms.phrases = 0;
    analyze(text, &quick).cleaned
}

fn csv(a: &Analysis, table: Table) -> String {
    match table {
        Table::Terms => export::terms_csv(&a.terms),
        Table::Keywords => export::keywords_csv(&a.keywords),
        Table::Phrases => export::phrases_csv(&a.phrases),
        Table::Sections => export::sections_csv(&a.sections, &a.terms_by_section),
    }
}

/// Each line's words separated by two spaces, line ends kept as `\n`.
fn segment_lines(text: &str, options: &TermOptions) -> String {
    let (segmenter, _) = Segmenter::with_user_dict(&options.user_dict);
    let mut out = String::with_capacity(text.len() * 3 / 2);
    for line in text.trim_start_matches('\u{FEFF}').lines() {
        let words = segmenter.words(line, options.mode, options.hmm);
        let mut first = true;
        for w in words.iter().filter(|w| !w.text.trim().is_empty()) {
            if !first {
                out.push_str("  ");
            }
            first = false;
            out.push_str(w.text);
        }
        out.push('\n');
    }
    out
}

fn number(name: &str, v: &str) -> Result<usize, String> {
    v.parse()
        .map_err(|_| format!("option '{name}' needs a whole number, not '{v}'"))
}

fn read_text(path: &str) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{path}: not valid UTF-8 (at byte {})",
            e.utf8_error().valid_up_to()
        )
    })
}

fn write_out(out: &str) -> Result<(), String> {
    let mut stdout = io::stdout().lock();
    stdout
        .write_all(out.as_bytes())
        .and_then(|_| stdout.flush())
        .or_else(|e| {
            // A closed pipe (`| head`) is not an error worth reporting.
            if e.kind() == io::ErrorKind::BrokenPipe {
                Ok(())
            } else {
                Err(e.to_string())
            }
        })
}

fn read_input(path: &str) -> Result<Vec<u8>, String> {
    let mut buf = Vec::new();
    if path == "-" {
        io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("stdin: {e}"))?;
    } else {
        buf = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    }
    Ok(buf)
}
