//! Finding where in a file's text a semantic error is, so that it can name a line and
//! column like a syntax error does.

use super::outline::{Outline, Seg};

/// A message about a place in a source text, before the file name is attached.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

/// Finds the place in a source text that a semantic error is about: by path through the
/// text's [`Outline`] (exact), or by searching for a token (for what has no path).
#[derive(Clone, Debug)]
pub struct Locator<'a> {
    source: &'a str,
    outline: Outline,
}

impl<'a> Locator<'a> {
    /// A locator over `source`; an empty source locates everything at 1:1.
    pub fn new(source: &'a str) -> Self {
        Self {
            source,
            outline: Outline::parse(source),
        }
    }

    /// The outline of the source.
    pub fn outline(&self) -> &Outline {
        &self.outline
    }

    /// Byte offset of the value at `path`, or of the deepest value on the way to it.
    pub fn path(&self, path: &[Seg]) -> Option<usize> {
        self.outline.walk(path).map(|(node, _)| node.start)
    }

    /// A located message at the value at `path` (or as near to it as the text has).
    pub fn at_path(&self, path: &[Seg], message: impl Into<String>) -> Located {
        self.at(self.path(path), message)
    }

    /// A located message at the `index`-th character of the string at `path`, escapes
    /// counted as the one character they stand for.
    pub fn at_char(&self, path: &[Seg], index: usize, message: impl Into<String>) -> Located {
        let at = match self.outline.get(path) {
            Some(node) if matches!(node.kind, super::outline::Kind::Str(_)) => Some(
                super::outline::char_offset_in_literal(self.source, node.start, index),
            ),
            _ => self.path(path),
        };
        self.at(at, message)
    }

    /// A located message at the key `key` of the map at `path` (at the map when the key is
    /// not there).
    pub fn at_key(&self, path: &[Seg], key: &str, message: impl Into<String>) -> Located {
        let at = self.outline.get(path).map(|map| {
            map.entries
                .iter()
                .find_map(|e| e.key.as_ref().filter(|(k, _)| k == key).map(|(_, at)| *at))
                .unwrap_or(map.start)
        });
        self.at(at.or_else(|| self.path(path)), message)
    }

    /// A located message at the first string `text` inside the value at `path` (at the
    /// value itself when the string is not there).
    pub fn at_string_within(
        &self,
        path: &[Seg],
        text: &str,
        message: impl Into<String>,
    ) -> Located {
        let at = match self.outline.get(path) {
            Some(node) => self
                .outline
                .find_string(node, text)
                .map_or(node.start, |n| n.start),
            None => self.path(path).unwrap_or(0),
        };
        self.at(Some(at), message)
    }

    /// Byte offset of the first `needle` at or after `from`.
    pub fn find_from(&self, needle: &str, from: usize) -> Option<usize> {
        self.source.get(from..)?.find(needle).map(|i| i + from)
    }

    /// Byte offset of the `key:` field, or of the first occurrence of `needle` after it.
    pub fn find_after_key(&self, key: &str, needle: Option<&str>) -> Option<usize> {
        let key_at = self.find_key(key, 0)?;
        match needle {
            None => Some(key_at),
            Some(n) => self.find_from(n, key_at),
        }
    }

    /// Byte offset of a field `key:` (a whole word followed by a colon), from `from`.
    pub fn find_key(&self, key: &str, from: usize) -> Option<usize> {
        let mut at = from;
        while let Some(i) = self.find_from(key, at) {
            let before = self.source[..i].chars().next_back();
            let after = self.source[i + key.len()..].trim_start().starts_with(':');
            if after && !before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                return Some(i);
            }
            at = i + key.len();
        }
        None
    }

    /// A located message at byte offset `at` (1:1 when unknown).
    pub fn at(&self, at: Option<usize>, message: impl Into<String>) -> Located {
        let at = at.unwrap_or(0).min(self.source.len());
        let before = &self.source[..at];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Located {
            line,
            column,
            message: message.into(),
        }
    }

    /// A located message at the quoted string `"text"`, searched after field `key`.
    pub fn at_string(&self, key: &str, text: &str, message: impl Into<String>) -> Located {
        let quoted = format!("\"{text}\"");
        let at = self
            .find_after_key(key, Some(&quoted))
            .or_else(|| self.find_from(&quoted, 0));
        self.at(at, message)
    }
}
