//! Errors of the fallible entry points (the pipeline itself is total).

use std::fmt;

/// What went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The input is larger than the configured limit.
    TooLarge {
        /// Input size in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// The input is not valid UTF-8.
    NotUtf8 {
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// A user dictionary line could not be read.
    UserDict {
        /// 1-based line number.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// The options are not valid.
    Options(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::TooLarge { size, limit } => write!(
                f,
                "input is {size} bytes, more than the limit of {limit} bytes"
            ),
            Error::NotUtf8 { offset } => write!(f, "input is not valid UTF-8 (at byte {offset})"),
            Error::UserDict { line, message } => {
                write!(f, "user dictionary line {line}: {message}")
            }
            Error::Options(m) => write!(f, "invalid options: {m}"),
        }
    }
}

impl std::error::Error for Error {}
