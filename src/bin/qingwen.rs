//! The qingwen command line: the same pipeline as the web page, for batch use.
//!
//! ```text
//! qingwen analyze [FILE|-] [--json|--md|--text|--csv[=TABLE]] [TERM OPTIONS]
//! qingwen analyze FILE|DIR ... --jsonl [--corpus] [--corpus-csv DIR] [--threads N]
//! qingwen analyze --jsonl - [...]      (JSONL {"id", "text"} lines in, JSONL out)
//! qingwen analyze PAGE.html | --html [FILE|-] | --document [FILE|-] [...]
//! qingwen analyze --layout [FILE|-] [...]   (a PDF's positioned lines, from qingwen-pdf-lines)
//! qingwen segment [FILE|-] [TERM OPTIONS]
//! qingwen kwic TERM [FILE|-] [--window N] [--json]
//! ```

#[path = "qingwen/batch.rs"]
mod batch;
#[path = "qingwen/decode.rs"]
mod decode;

use std::io::{self, Read, Write};
use std::process::ExitCode;

use qingwen::input::{self, DEFAULT_MAX_INPUT_BYTES};
use qingwen::segment::Segmenter;
use qingwen::{analyze, export, Analysis, Error, KeywordMethod, Options, SegmentMode, TermOptions};

const USAGE: &str =
    "usage: qingwen analyze [FILE|-] [--json|--md|--text|--csv[=TABLE]] [TERM OPTIONS]
       qingwen analyze FILE|DIR ... --jsonl [--corpus] [--corpus-csv DIR] [--threads N]
       qingwen analyze --jsonl [-] [...]
       qingwen segment [FILE|-] [TERM OPTIONS]
       qingwen kwic TERM [FILE|-] [--window N] [--json]

Cleans text pasted out of a PDF or web page, outlines it and counts its terms.
  FILE     the text to read; '-' or nothing reads standard input. UTF-8 (with or
           without BOM), UTF-16 with a BOM, GB18030/GBK and Big5 are recognised;
           --encoding NAME (utf-8, utf-16le, utf-16be, gb18030, gbk, big5) names it

analyze:
  --json   the full analysis as JSON (default)
  --md     the cleaned document as Markdown
  --text   the cleaned text only
  --csv    the term table as CSV (UTF-8 with BOM, for Excel); --csv=keywords,
           --csv=phrases or --csv=sections for the other tables
  --html   the input is an HTML page (the default for FILE ending in .html or .htm):
           its paragraphs, headings, list items and bold leads are kept
  --document  the input is a typed document as JSON: {\"blocks\": [{\"kind\", \"level\",
           \"text\", \"lead\"}]} (kind: paragraph, heading, list_item, quote, table_cell)
  --layout the input is a PDF's positioned lines as JSON: {\"pages\": [{\"width\",
           \"height\", \"lines\": [{\"x\", \"y\", \"width\", \"height\", \"fontSize\",
           \"bold\", \"italic\", \"font\", \"text\"}]}]} (y from the page's top), as the npm
           package's command writes it: qingwen-pdf-lines FILE.pdf | qingwen analyze --layout -
           The JSON output adds \"input\" (the text the fix ranges index), \"dropped\"
           (the page headers, footers and numbers left out) and \"places\" (each line's
           page and box, with its byte offsets in \"input\" and in \"cleaned\")

many documents (--jsonl, several FILEs or a DIR): one JSON line per document, in input
  order: {\"id\": FILE, \"analysis\": {...}}, or {\"id\": FILE, \"error\": \"...\"} for a file
  that cannot be read (the others go on; the exit status is 1). A DIR gives its .txt, .md,
  .html and .htm files, sorted by path, its subdirectories included. Analysed on all cores.
  --jsonl -     read standard input as JSONL: one {\"id\": ..., \"text\": \"...\"} per line
                (\"html\": true for a page), one output line each, the id as given
  --corpus      after the documents, one line {\"corpus\": {documents, terms, distinctive,
                trends, similarity}}: the corpus tables (distinctive terms by TF-IDF)
  --corpus-csv DIR  write the corpus tables as CSV files in DIR (documents.csv, terms.csv,
                distinctive.csv, trends.csv, similarity.csv)
  --threads N   analyse on N threads (default: one per core)
  A progress bar goes to stderr when it is a terminal.

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

every command:
  --max-input-bytes N  refuse a longer input (default 67108864, 64 MiB, as the page)
";

/// What `analyze` reads, when it is not plain text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Html,
    Document,
    /// A PDF's positioned lines ([`qingwen::Layout`]).
    Layout,
}

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

/// Why a command failed.
#[derive(Debug)]
enum Failure {
    /// The command line is wrong.
    Usage(String),
    /// A file (or standard input) could not be read.
    Read { path: String, error: io::Error },
    /// A file's contents were refused.
    Input { path: String, error: Error },
    /// The output could not be made or written.
    Output(String),
    /// Some documents of a batch failed (each has its error line); the rest were written.
    Some { failed: usize, of: usize },
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Usage(message) => f.write_str(message),
            Failure::Read { path, error } => write!(f, "{path}: {error}"),
            Failure::Input { path, error } => {
                write!(f, "{path}: {error}")?;
                if matches!(error, Error::TooLarge { .. }) {
                    f.write_str(" (raise it with --max-input-bytes)")?;
                }
                Ok(())
            }
            Failure::Output(message) => f.write_str(message),
            Failure::Some { failed, of } => write!(f, "{failed} of {of} documents failed"),
        }
    }
}

impl From<String> for Failure {
    fn from(message: String) -> Self {
        Failure::Usage(message)
    }
}

impl From<&str> for Failure {
    fn from(message: &str) -> Self {
        Failure::Usage(message.to_owned())
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // The layout model decides the line breaks it was trained for (tools/model/MODEL.md);
    // `QINGWEN_LAYOUT_MODEL=off` leaves every break to the rules, to measure one against the
    // other.
    if std::env::var_os("QINGWEN_LAYOUT_MODEL").is_some_and(|v| v == "off") {
        qingwen::reflow::use_model(false);
    }
    // The role model is on by default; this turns it off, for measuring the rules alone.
    if std::env::var_os("QINGWEN_ROLE_MODEL").is_some_and(|v| v == "off") {
        qingwen::structure::use_role_model(false);
    }
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("qingwen: {failure}");
            // 1: the batch ran and its error lines say what failed; 2: nothing could be done.
            ExitCode::from(if matches!(failure, Failure::Some { .. }) {
                1
            } else {
                2
            })
        }
    }
}

fn run(args: &[String]) -> Result<(), Failure> {
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
        Some(other) => return Err(format!("unknown command '{other}'\n{USAGE}").into()),
        None => return Err(USAGE.into()),
    };
    let mut format: Option<Format> = None;
    let mut paths: Vec<&str> = Vec::new();
    let mut batch = batch::Batch::default();
    let mut term: Option<&str> = None;
    let mut window = qingwen::kwic::DEFAULT_WINDOW;
    let mut max_input_bytes = DEFAULT_MAX_INPUT_BYTES;
    let mut encoding = None;
    let mut source: Option<Source> = None;
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
            "--max-input-bytes" => max_input_bytes = number(a, value(a)?)?,
            "--encoding" => encoding = Some(decode::encoding_for_label(value(a)?)?),
            "--html" => source = Some(Source::Html),
            "--jsonl" => batch.jsonl = true,
            "--corpus" => batch.corpus = true,
            "--corpus-csv" => batch.corpus_csv = Some(value(a)?.into()),
            "--threads" => batch.threads = Some(number(a, value(a)?)?),
            "--document" => source = Some(Source::Document),
            "--layout" => source = Some(Source::Layout),
            "-h" | "--help" => {
                print!("{USAGE}");
                return Ok(());
            }
            "-" if command != Command::Kwic || term.is_some() => paths.push("-"),
            flag if flag.starts_with("--") || (flag.starts_with('-') && flag.len() > 1) => {
                return Err(format!("unknown option '{flag}'").into())
            }
            word if command == Command::Kwic && term.is_none() => term = Some(word),
            file if paths.is_empty() || command == Command::Analyze => paths.push(file),
            extra => return Err(format!("unexpected argument '{extra}'").into()),
        }
    }
    if command == Command::Analyze && batch.wanted(&paths) {
        if format.is_some_and(|f| f != Format::Json) {
            return Err("--md, --text and --csv are for one document; --jsonl writes JSON".into());
        }
        let settings = batch::Settings {
            options,
            source,
            encoding,
            max_input_bytes,
        };
        return batch::run(&paths, &batch, &settings);
    }
    let path = paths.first().copied();
    let (name, bytes) = read_input(path, max_input_bytes)?;
    let decoded = decode::decode(&bytes, encoding, name)?;
    if decoded.encoding != encoding_rs::UTF_8 {
        eprintln!("qingwen: read {name} as {}", decoded.encoding.name());
    }
    let text = decoded.text;
    for e in qingwen::segment::check_user_dict(&options.terms.user_dict) {
        eprintln!("qingwen: {} (skipped)", Error::from(e));
    }
    let out = match command {
        Command::Segment => segment_lines(&text, &options.terms),
        Command::Kwic => {
            let term = term.ok_or("kwic needs a TERM")?;
            let cleaned = qingwen::structure_document(&text, &options.clean).cleaned;
            let hits = qingwen::kwic::concordance(&cleaned, term, window);
            if format == Some(Format::Json) {
                serde_json::to_string(&hits).map_err(|e| Failure::Output(e.to_string()))? + "\n"
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
            if source.is_none() && path.is_some_and(|p| p.to_ascii_lowercase().ends_with(".pdf")) {
                return Err(Failure::Usage(format!(
                    "{}: a PDF is read through its positioned lines: \
                     qingwen-pdf-lines FILE.pdf | qingwen analyze --layout - \
                     (qingwen-pdf-lines comes with the npm package qingwen)",
                    path.unwrap_or_default()
                )));
            }
            let mut layout_result = None;
            let analysis = if matches!(source, Some(Source::Layout)) {
                let result = qingwen::analyze_layout(&layout_of(&text, path)?, &options);
                let analysis = result.analysis.clone();
                layout_result = Some(result);
                analysis
            } else {
                analysis_of(&text, path, source, &options)?
            };
            match format.unwrap_or(Format::Json) {
                Format::Json => {
                    let json = match &layout_result {
                        None => serde_json::to_string(&analysis),
                        Some(result) => serde_json::to_string(result),
                    };
                    json.map_err(|e| Failure::Output(e.to_string()))? + "\n"
                }
                Format::Markdown => qingwen::markdown::render_markdown(&analysis),
                Format::Text => analysis.cleaned.clone() + "\n",
                Format::Csv(table) => csv(&analysis, table),
            }
        }
    };
    write_out(&out)
}

/// The analysis of `text` read from `path`: as an HTML page if `source` says so or the path
/// ends in `.html`/`.htm`, as a typed document (JSON) if `source` says so, else as text.
fn analysis_of(
    text: &str,
    path: Option<&str>,
    source: Option<Source>,
    options: &Options,
) -> Result<Analysis, Failure> {
    let is_html = path.is_some_and(|p| {
        let p = p.to_ascii_lowercase();
        p.ends_with(".html") || p.ends_with(".htm")
    });
    Ok(match source.or(is_html.then_some(Source::Html)) {
        Some(Source::Html) => qingwen::analyze_document(&qingwen::html::parse_html(text), options),
        Some(Source::Document) => {
            let doc: qingwen::Document = serde_json::from_str(text)
                .map_err(|e| format!("{}: {e}", path.unwrap_or("stdin")))?;
            qingwen::analyze_document(&doc, options)
        }
        Some(Source::Layout) => qingwen::analyze_layout(&layout_of(text, path)?, options).analysis,
        None => analyze(text, options),
    })
}

/// Reads a PDF's positioned lines (`--layout`, JSON as `qingwen-pdf-lines` writes it).
fn layout_of(text: &str, path: Option<&str>) -> Result<qingwen::Layout, Failure> {
    Ok(serde_json::from_str(text).map_err(|e| format!("{}: {e}", path.unwrap_or("stdin")))?)
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

/// A user dictionary or stopword list (no size limit: the user chose the file), in any
/// encoding `decode` recognises.
fn read_text(path: &str) -> Result<String, Failure> {
    let (name, bytes) = read_input(Some(path), usize::MAX)?;
    Ok(decode::decode(&bytes, None, name)?.text)
}

fn write_out(out: &str) -> Result<(), Failure> {
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(out.as_bytes())
        .and_then(|_| stdout.flush())
    {
        // A closed pipe (`| head`) is not an error worth reporting.
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Failure::Output(e.to_string())),
        _ => Ok(()),
    }
}

/// The name and bytes of the file at `path` (standard input for `-` or none), refused when
/// it is over `limit` bytes. A larger input is never read whole.
fn read_input(path: Option<&str>, limit: usize) -> Result<(&str, Vec<u8>), Failure> {
    let (name, reader): (&str, Box<dyn Read>) = match path {
        None | Some("-") => ("stdin", Box::new(io::stdin().lock())),
        Some(path) => {
            let file = std::fs::File::open(path).map_err(|error| Failure::Read {
                path: path.to_owned(),
                error,
            })?;
            // Refuse a large file by its size, which the message then gives exactly.
            if let Some(size) = file
                .metadata()
                .ok()
                .and_then(|m| usize::try_from(m.len()).ok())
            {
                input::check_size(size, limit).map_err(|error| Failure::Input {
                    path: path.to_owned(),
                    error,
                })?;
            }
            (path, Box::new(file))
        }
    };
    let mut bytes = Vec::new();
    // One byte over the limit is enough to refuse the input.
    let most = u64::try_from(limit.saturating_add(1)).unwrap_or(u64::MAX);
    reader
        .take(most)
        .read_to_end(&mut bytes)
        .map_err(|error| Failure::Read {
            path: name.to_owned(),
            error,
        })?;
    input::check_size(bytes.len(), limit).map_err(|error| Failure::Input {
        path: name.to_owned(),
        error,
    })?;
    Ok((name, bytes))
}
