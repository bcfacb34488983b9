//! The qingwen command line: the same pipeline as the web page, for batch use.
//!
//! ```text
//! qingwen analyze [FILE|-] [--json|--md|--text]
//! ```

use std::io::{self, Read, Write};
use std::process::ExitCode;

use qingwen::{analyze, Options};

const USAGE: &str = "usage: qingwen analyze [FILE|-] [--json|--md|--text]\n\
\n\
Cleans text pasted out of a PDF or web page, outlines it and counts its terms.\n\
  FILE     the text to read (UTF-8); '-' or nothing reads standard input\n\
  --json   the full analysis as JSON (default)\n\
  --md     the cleaned document as Markdown\n\
  --text   the cleaned text only\n";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    Markdown,
    Text,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
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
    match args.next() {
        Some("analyze") => {}
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
    }
    let mut format = Format::Json;
    let mut path: Option<&str> = None;
    for a in args {
        match a {
            "--json" => format = Format::Json,
            "--md" | "--markdown" => format = Format::Markdown,
            "--text" => format = Format::Text,
            "-h" | "--help" => {
                print!("{USAGE}");
                return Ok(());
            }
            "-" => path = Some("-"),
            flag if flag.starts_with('-') => return Err(format!("unknown option '{flag}'")),
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
    let analysis = analyze(&text, &Options::default());
    let out = match format {
        Format::Json => serde_json::to_string(&analysis).map_err(|e| e.to_string())? + "\n",
        Format::Markdown => qingwen::markdown::render_markdown(&analysis),
        Format::Text => analysis.cleaned.clone() + "\n",
    };
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
