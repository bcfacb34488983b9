//! Many documents (files, directories, or JSONL lines on standard input) → one JSON line per
//! document in input order, analysed on all cores, and the corpus tables after them.
//!
//! Memory is bounded by the work in flight, not by the corpus: the inputs go through in
//! ordered chunks of a few documents per thread; each chunk is analysed in parallel, written
//! in order and dropped before the next is read. `--corpus` keeps only each document's term
//! counts ([`qingwen::corpus::Corpus`]).

use std::fs;
use std::io::{self, BufRead, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressStyle};
use qingwen::corpus::{Corpus, DocumentSummary, TableSizes};
use qingwen::{Analysis, Options, TermOptions};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::{Failure, Source};

/// Documents per thread in one chunk: enough that a slow document rarely leaves the other
/// threads idle at the chunk's end, few enough that a chunk of large files stays small.
const CHUNK_PER_THREAD: usize = 4;

/// The file name endings a directory is searched for.
const DOCUMENT_EXTENSIONS: [&str; 5] = ["txt", "md", "markdown", "html", "htm"];

/// What the batch options of the command line asked for.
#[derive(Debug, Default)]
pub struct Batch {
    /// `--jsonl`: one JSON line per document (and JSONL on standard input).
    pub jsonl: bool,
    /// `--corpus`: the corpus tables as a last line.
    pub corpus: bool,
    /// `--corpus-csv DIR`: the corpus tables as CSV files in DIR.
    pub corpus_csv: Option<PathBuf>,
    /// `--threads N`: how many threads analyse (default: one per core).
    pub threads: Option<usize>,
}

impl Batch {
    /// Whether the command line asks for batch mode: a batch option, several inputs, or a
    /// directory.
    pub fn wanted(&self, paths: &[&str]) -> bool {
        self.jsonl
            || self.corpus
            || self.corpus_csv.is_some()
            || paths.len() > 1
            || paths.iter().any(|p| Path::new(p).is_dir())
    }
}

/// How each document is read and analysed.
pub struct Settings {
    /// The options of the command line, as for one document.
    pub options: Options,
    /// `--html` or `--document`, for every file (else a file's name decides).
    pub source: Option<Source>,
    /// `--encoding`, for every file (else each file's is detected).
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// `--max-input-bytes`: a longer document gets an error line.
    pub max_input_bytes: usize,
}

/// One document to analyse.
#[derive(Clone)]
enum Input {
    /// A file, by its path.
    File(String),
    /// A line of JSONL from standard input, numbered from 1.
    Line(usize, String),
    /// What could not be read (a directory that cannot be listed, a line that is not UTF-8),
    /// by its id, and why: an error line in its place.
    Failed(Value, String),
}

/// One JSONL input line.
#[derive(Deserialize)]
struct InputLine {
    #[serde(default)]
    id: Value,
    text: String,
    #[serde(default)]
    html: bool,
}

/// One output line: the document's id and its analysis or the error that stopped it.
#[derive(Serialize)]
struct OutputLine<'a> {
    id: &'a Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    analysis: Option<&'a Analysis>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

/// What analysing one input gave: its output line and, with `--corpus`, its summary.
struct Outcome {
    line: String,
    summary: Option<DocumentSummary>,
    failed: bool,
}

/// Runs a batch over `paths` (standard input as JSONL when it is `-` or empty).
pub fn run(paths: &[&str], batch: &Batch, settings: &Settings) -> Result<(), Failure> {
    let stdin = paths.is_empty() || paths == ["-"];
    if !stdin && paths.contains(&"-") {
        return Err("'-' (JSONL on standard input) cannot be mixed with files".into());
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(batch.threads.unwrap_or(0))
        .build()
        .map_err(|e| Failure::Output(format!("cannot start the threads: {e}")))?;
    let chunk = pool.current_num_threads() * CHUNK_PER_THREAD;
    let want_corpus = batch.corpus || batch.corpus_csv.is_some();
    // The corpus needs every term of each document: the analysis lists them all, the
    // summary takes them, and the line keeps the top ones, as without --corpus.
    let all_terms;
    let job = Job {
        settings,
        options: if want_corpus && settings.options.terms.top > 0 {
            all_terms = Options {
                terms: TermOptions {
                    top: 0,
                    ..settings.options.terms.clone()
                },
                ..settings.options.clone()
            };
            &all_terms
        } else {
            &settings.options
        },
        corpus: want_corpus,
    };
    let mut corpus = Corpus::default();
    let mut out = Output::new();
    let (mut done, mut failed) = (0, 0);
    let mut each = |outcomes: Vec<Outcome>, out: &mut Output| -> Result<(), Failure> {
        for outcome in outcomes {
            done += 1;
            failed += usize::from(outcome.failed);
            out.line(&outcome.line)?;
            if let Some(summary) = outcome.summary {
                corpus.add(summary);
            }
        }
        Ok(())
    };
    if stdin {
        let progress = progress(None);
        let mut stdin = io::stdin().lock();
        let mut n = 0;
        let mut more = true;
        while more {
            let mut inputs = Vec::with_capacity(chunk);
            while more && inputs.len() < chunk {
                let mut bytes = Vec::new();
                let read = stdin
                    .read_until(b'\n', &mut bytes)
                    .map_err(|error| Failure::Read {
                        path: "stdin".into(),
                        error,
                    })?;
                more = read > 0;
                n += usize::from(more);
                match String::from_utf8(bytes) {
                    Ok(line) if line.trim().is_empty() => {}
                    Ok(line) => inputs.push(Input::Line(n, line)),
                    Err(e) => {
                        let at = e.utf8_error().valid_up_to();
                        let error = format!("line {n}: not valid UTF-8 at byte {at}");
                        inputs.push(Input::Failed(Value::from(n), error));
                    }
                }
            }
            let count = inputs.len() as u64;
            each(analyse_all(&pool, inputs, &job), &mut out)?;
            progress.inc(count);
        }
        progress.finish_and_clear();
    } else {
        let mut files = Vec::new();
        for path in paths {
            collect(Path::new(path), true, &mut files);
        }
        let progress = progress(Some(files.len() as u64));
        for group in files.chunks(chunk) {
            let inputs = group.to_vec();
            each(analyse_all(&pool, inputs, &job), &mut out)?;
            progress.inc(group.len() as u64);
        }
        progress.finish_and_clear();
    }
    if want_corpus {
        let tables = corpus.tables(TableSizes::default());
        if let Some(dir) = &batch.corpus_csv {
            fs::create_dir_all(dir)
                .map_err(|e| Failure::Output(format!("{}: {e}", dir.display())))?;
            for (name, csv) in qingwen::export::corpus_csv(&tables) {
                let path = dir.join(name);
                fs::write(&path, csv)
                    .map_err(|e| Failure::Output(format!("{}: {e}", path.display())))?;
            }
        }
        if batch.corpus {
            #[derive(Serialize)]
            struct CorpusLine<'a> {
                corpus: &'a qingwen::corpus::CorpusTables,
            }
            let line = serde_json::to_string(&CorpusLine { corpus: &tables })
                .map_err(|e| Failure::Output(e.to_string()))?;
            out.line(&line)?;
        }
    }
    out.flush()?;
    if failed > 0 {
        return Err(Failure::Some { failed, of: done });
    }
    Ok(())
}

/// What every document of a batch is analysed with.
struct Job<'a> {
    settings: &'a Settings,
    /// The options of the analysis: `settings.options`, with every term listed for a corpus.
    options: &'a Options,
    /// Whether a summary is made for the corpus.
    corpus: bool,
}

/// Analyses `inputs` on the pool's threads; the outcomes come back in input order.
fn analyse_all(pool: &rayon::ThreadPool, inputs: Vec<Input>, job: &Job) -> Vec<Outcome> {
    pool.install(|| {
        inputs
            .into_par_iter()
            .map(|input| analyse(input, job))
            .collect()
    })
}

fn analyse(input: Input, job: &Job) -> Outcome {
    let settings = job.settings;
    let (id, read) = match input {
        Input::File(path) => {
            let read = read_file(&path, settings);
            (Value::String(path), read)
        }
        Input::Failed(id, error) => (id, Err(error)),
        Input::Line(n, line) => match serde_json::from_str::<InputLine>(&line) {
            Ok(InputLine { id, text, html }) => {
                let id = if id.is_null() { Value::from(n) } else { id };
                let read = qingwen::input::check_size(text.len(), settings.max_input_bytes)
                    .map(|()| (text, html.then_some(Source::Html)))
                    .map_err(|e| e.to_string());
                (id, read)
            }
            Err(e) => (
                Value::from(n),
                Err(format!(
                    "line {n}: not a JSON object with a \"text\" string: {e}"
                )),
            ),
        },
    };
    let (text, source) = match read {
        Ok(read) => read,
        Err(error) => return failure(&id, error),
    };
    let path = id.as_str();
    let mut analysis =
        match crate::analysis_of(&text, path, source.or(settings.source), job.options) {
            Ok(analysis) => analysis,
            Err(error) => return failure(&id, error.to_string()),
        };
    let summary = job.corpus.then(|| summarize(&id, &text, &analysis));
    let top = settings.options.terms.top;
    if top > 0 {
        // The same rows, in the same order, as an analysis with `top` would list.
        analysis.terms.truncate(top);
        analysis.terms_by_section.truncate(top);
    }
    let line = OutputLine {
        id: &id,
        analysis: Some(&analysis),
        error: None,
    };
    match serde_json::to_string(&line) {
        Ok(line) => Outcome {
            line,
            summary,
            failed: false,
        },
        Err(e) => failure(&id, e.to_string()),
    }
}

/// The text of the file at `path`, decoded; no source is forced (its name tells HTML).
fn read_file(path: &str, settings: &Settings) -> Result<(String, Option<Source>), String> {
    let (name, bytes) =
        crate::read_input(Some(path), settings.max_input_bytes).map_err(|f| f.to_string())?;
    let decoded = crate::decode::decode(&bytes, settings.encoding, name)?;
    Ok((decoded.text, None))
}

/// What the corpus keeps of a document: its metadata and its terms (`analysis` lists them
/// all: see [`Job::options`]).
fn summarize(id: &Value, text: &str, analysis: &Analysis) -> DocumentSummary {
    let name = match id {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    DocumentSummary::new(&name, text.len(), &analysis.meta, &analysis.terms)
}

fn failure(id: &Value, error: String) -> Outcome {
    let line = OutputLine {
        id,
        analysis: None,
        error: Some(error),
    };
    Outcome {
        line: serde_json::to_string(&line).unwrap_or_else(|_| r#"{"error":"?"}"#.to_owned()),
        summary: None,
        failed: true,
    }
}

/// Adds the documents at `path` to `files`: the path itself if it is a file (or `named`, as
/// the user gave it), else the documents under it sorted by path; a directory that cannot be
/// listed is added as such, for its error line.
fn collect(path: &Path, named: bool, files: &mut Vec<Input>) {
    let shown = path.to_string_lossy().into_owned();
    if !path.is_dir() {
        let is_document = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| DOCUMENT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
        if named || is_document {
            files.push(Input::File(shown));
        }
        return;
    }
    let mut entries: Vec<PathBuf> = match fs::read_dir(path) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            let error = format!("{shown}: {e}");
            files.push(Input::Failed(Value::String(shown), error));
            return;
        }
    };
    entries.sort();
    for entry in entries {
        collect(&entry, false, files);
    }
}

/// A progress bar on stderr when it is a terminal (hidden otherwise): of `total` documents,
/// or a counter when the total is unknown.
fn progress(total: Option<u64>) -> ProgressBar {
    if !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    match total {
        Some(total) => ProgressBar::new(total).with_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} documents, {per_sec}, ETA {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        ),
        None => ProgressBar::new_spinner().with_style(
            ProgressStyle::with_template("{spinner} {pos} documents, {per_sec}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        ),
    }
}

/// Standard output, buffered; a closed pipe (`| head`) ends the output quietly.
struct Output {
    out: Option<BufWriter<io::StdoutLock<'static>>>,
}

impl Output {
    fn new() -> Self {
        Output {
            out: Some(BufWriter::new(io::stdout().lock())),
        }
    }

    fn line(&mut self, line: &str) -> Result<(), Failure> {
        let Some(out) = self.out.as_mut() else {
            return Ok(());
        };
        let written = out
            .write_all(line.as_bytes())
            .and_then(|()| out.write_all(b"\n"));
        self.check(written)
    }

    fn flush(&mut self) -> Result<(), Failure> {
        let Some(out) = self.out.as_mut() else {
            return Ok(());
        };
        let flushed = out.flush();
        self.check(flushed)
    }

    fn check(&mut self, result: io::Result<()>) -> Result<(), Failure> {
        match result {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.out = None;
                Ok(())
            }
            Err(e) => Err(Failure::Output(e.to_string())),
            Ok(()) => Ok(()),
        }
    }
}
