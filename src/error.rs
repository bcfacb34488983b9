//! Errors of the fallible entry points: reading input ([`crate::input`]), the binding's
//! options, a user dictionary. The pipeline itself is total.

use std::fmt;

use crate::segment::DictLineError;

/// What went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The input is larger than the limit.
    TooLarge {
        /// Input size in UTF-8 bytes (at least this many, when the size was bounded from
        /// below before the text was copied).
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
                "the text is {} of UTF-8, over the {} limit",
                Bytes(*size),
                Bytes(*limit)
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

impl From<DictLineError> for Error {
    fn from(e: DictLineError) -> Self {
        Error::UserDict {
            line: e.line,
            message: e.message,
        }
    }
}

impl From<std::string::FromUtf8Error> for Error {
    fn from(e: std::string::FromUtf8Error) -> Self {
        Error::NotUtf8 {
            offset: e.utf8_error().valid_up_to(),
        }
    }
}

/// A size for people: bytes below 1 MiB, MiB with one decimal from there.
struct Bytes(usize);

impl fmt::Display for Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const MIB: usize = 1024 * 1024;
        if self.0 >= MIB {
            write!(f, "{:.1} MiB", self.0 as f64 / MIB as f64)
        } else {
            write!(f, "{} bytes", self.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages() {
        let too_large = |size, limit| Error::TooLarge { size, limit }.to_string();
        assert_eq!(
            too_large(6, 5),
            "the text is 6 bytes of UTF-8, over the 5 bytes limit"
        );
        assert_eq!(
            too_large(64 * 1024 * 1024 + 1, 64 * 1024 * 1024),
            "the text is 64.0 MiB of UTF-8, over the 64.0 MiB limit"
        );
        let bytes = vec![b'a', 0xE6, 0xB8, b'b'];
        let error = Error::from(String::from_utf8(bytes).expect_err("cut in a character"));
        assert_eq!(error, Error::NotUtf8 { offset: 1 });
        assert_eq!(error.to_string(), "input is not valid UTF-8 (at byte 1)");
        let line = DictLineError {
            line: 3,
            message: "frequency out of range: 9".into(),
        };
        assert_eq!(
            Error::from(line).to_string(),
            "user dictionary line 3: frequency out of range: 9"
        );
        assert_eq!(
            Error::Options("unknown field `nope`".into()).to_string(),
            "invalid options: unknown field `nope`"
        );
    }
}
