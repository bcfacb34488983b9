//! Input checks of the entry points (the binding and the CLI): a text's size against a limit,
//! bytes → UTF-8 text. [`crate::analyze`] itself takes any `&str`.

use crate::error::Error;

/// The default limit on an input text, in UTF-8 bytes (64 MiB). `analyze` peaks at about
/// 6.5× its input in WebAssembly memory (0ef72db), so 64 MiB stays well inside the 4 GiB a
/// wasm32 instance can have, while the longest real documents (a novel: 0.7 MB) are far below.
pub const DEFAULT_MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// Refuses a text of `size` UTF-8 bytes when it is over `limit`.
///
/// # Errors
///
/// [`Error::TooLarge`] when `size > limit`.
pub fn check_size(size: usize, limit: usize) -> Result<(), Error> {
    if size > limit {
        Err(Error::TooLarge { size, limit })
    } else {
        Ok(())
    }
}

/// `bytes` as text, when they are valid UTF-8 and no more than `limit` of them.
///
/// # Errors
///
/// [`Error::TooLarge`] over the limit, else [`Error::NotUtf8`] with the offset of the first
/// invalid byte.
///
/// # Examples
///
/// ```
/// use qingwen::{input, Error};
///
/// assert_eq!(input::decode(b"\xE6\xB8\x85".to_vec(), 3).as_deref(), Ok("清"));
/// assert_eq!(input::decode(b"ab\xE6".to_vec(), 3), Err(Error::NotUtf8 { offset: 2 }));
/// assert_eq!(input::decode(b"abcd".to_vec(), 3), Err(Error::TooLarge { size: 4, limit: 3 }));
/// ```
pub fn decode(bytes: Vec<u8>, limit: usize) -> Result<String, Error> {
    check_size(bytes.len(), limit)?;
    Ok(String::from_utf8(bytes)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_is_inclusive() {
        assert_eq!(check_size(5, 5), Ok(()));
        assert_eq!(check_size(6, 5), Err(Error::TooLarge { size: 6, limit: 5 }));
        assert_eq!(check_size(usize::MAX, usize::MAX), Ok(()));
    }
}
