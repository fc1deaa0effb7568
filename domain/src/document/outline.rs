//! A structural outline of RON text: every value with its byte span, every struct field
//! and map entry with its key. Semantic errors point through it at the value they are
//! about (the plan `paint`'s name, the second `effect_dl` key, the escaped cell of a grid
//! row) instead of at the first matching string in the file.
//!
//! The outline is built by a small tokenizer that follows RON's grammar closely enough to
//! find values; it runs on text that `ron` has already accepted. It never recurses (a
//! stack of open groups instead), so no file can overflow the stack through it.

/// A path step from a value to one inside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seg<'a> {
    /// A named field of a struct or struct-like variant: `plans`, `name`.
    Field(&'a str),
    /// The n-th item of a list, tuple or variant's arguments (0-based).
    Index(usize),
    /// The value of a map entry whose key is this string: `budgets` → `"effect_dl"`.
    Key(&'a str),
}

/// One value of the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// Byte offset of its first character (for a named group, of the name).
    pub start: usize,
    /// Byte offset just past it.
    pub end: usize,
    /// What it is.
    pub kind: Kind,
    /// Fields, items or map entries, in order (groups only).
    pub entries: Vec<Entry>,
}

/// The kinds of value the outline tells apart.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// `Name(..)`, `(..)`, `[..]` or `{..}`: `name` is the identifier before `(`, `open`
    /// the bracket.
    Group {
        /// The struct or variant name, if any.
        name: Option<String>,
        /// `(`, `[` or `{`.
        open: char,
    },
    /// A string, decoded (escapes resolved).
    Str(String),
    /// Anything else: a number, an identifier, a character, `true`.
    Atom(String),
}

/// A field, item or map entry of a group.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The field name or the map key (decoded if a string; the raw text otherwise), with
    /// the byte offset where it is written; `None` for list and tuple items.
    pub key: Option<(String, usize)>,
    /// The index of the value in [`Outline::nodes`].
    pub value: usize,
}

/// The outline of one text.
#[derive(Clone, Debug, Default)]
pub struct Outline {
    nodes: Vec<Node>,
    root: Option<usize>,
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Open(char),
    Close,
    Colon,
    Comma,
    Str(String),
    Atom(String),
}

/// Splits RON text into tokens with their spans; whitespace and comments are skipped.
struct Tokens<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Tokens<'a> {
    fn rest(&self) -> &'a str {
        &self.text[self.at..]
    }

    fn skip_blank(&mut self) {
        loop {
            let rest = self.rest();
            let trimmed = rest.trim_start();
            self.at += rest.len() - trimmed.len();
            if trimmed.starts_with("//") {
                self.at += trimmed.find('\n').unwrap_or(trimmed.len());
            } else if trimmed.starts_with("/*") {
                self.at += block_comment_len(trimmed);
            } else if trimmed.starts_with("#![") {
                // An attribute such as `#![enable(implicit_some)]`, which saving writes.
                self.at += trimmed.find(']').map_or(trimmed.len(), |i| i + 1);
            } else {
                return;
            }
        }
    }

    /// The next token and its span, or `None` at the end.
    fn next_token(&mut self) -> Option<(Token, usize, usize)> {
        self.skip_blank();
        let start = self.at;
        let rest = self.rest();
        let c = rest.chars().next()?;
        let token = match c {
            '(' | '[' | '{' => {
                self.at += 1;
                Token::Open(c)
            }
            ')' | ']' | '}' => {
                self.at += 1;
                Token::Close
            }
            ':' => {
                self.at += 1;
                Token::Colon
            }
            ',' => {
                self.at += 1;
                Token::Comma
            }
            '"' => {
                let (decoded, len) = quoted(rest);
                self.at += len;
                Token::Str(decoded)
            }
            'r' if raw_string_len(rest).is_some() => {
                let (decoded, len) = raw_string_len(rest).unwrap_or_default();
                self.at += len;
                Token::Str(decoded)
            }
            'b' if rest[1..].starts_with('"') => {
                let (decoded, len) = quoted(&rest[1..]);
                self.at += 1 + len;
                Token::Str(decoded)
            }
            '\'' => {
                let len = char_literal_len(rest);
                self.at += len;
                Token::Atom(rest[..len].to_owned())
            }
            _ => {
                let len = rest
                    .find(|c: char| c.is_whitespace() || "()[]{}:,\"'".contains(c))
                    .unwrap_or(rest.len())
                    .max(c.len_utf8());
                // A `/` that does not start a comment is one odd character.
                self.at += len;
                Token::Atom(rest[..len].to_owned())
            }
        };
        Some((token, start, self.at))
    }
}

/// Length of a (nested) block comment at the start of `text`.
fn block_comment_len(text: &str) -> usize {
    let mut depth = 0usize;
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        if bytes[i..].starts_with(b"/*") {
            depth += 1;
            i += 2;
        } else if bytes[i..].starts_with(b"*/") {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    text.len()
}

/// Decode the string literal at the start of `text` (which begins with `"`): its value and
/// its length in bytes, quotes included.
fn quoted(text: &str) -> (String, usize) {
    let mut decoded = String::new();
    let mut chars = text.char_indices().skip(1);
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return (decoded, i + 1),
            '\\' => {
                let Some((j, e)) = chars.next() else { break };
                match e {
                    'n' => decoded.push('\n'),
                    't' => decoded.push('\t'),
                    'r' => decoded.push('\r'),
                    '0' => decoded.push('\0'),
                    'u' => {
                        let tail = &text[j + 1..];
                        if let Some(close) = tail.strip_prefix('{').and_then(|t| t.find('}')) {
                            let hex = &tail[1..1 + close];
                            if let Some(ch) =
                                u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
                            {
                                decoded.push(ch);
                            }
                            // Skip `{hex}`.
                            for _ in 0..close + 2 {
                                chars.next();
                            }
                        }
                    }
                    'x' => {
                        let hex = text.get(j + 1..j + 3).unwrap_or("");
                        if let Ok(b) = u8::from_str_radix(hex, 16) {
                            decoded.push(char::from(b));
                        }
                        chars.next();
                        chars.next();
                    }
                    // A backslash before a newline continues the line.
                    '\n' => {}
                    other => decoded.push(other),
                }
            }
            c => decoded.push(c),
        }
    }
    (decoded, text.len())
}

/// A raw string `r"…"` or `r#"…"#` at the start of `text`: its value and length.
fn raw_string_len(text: &str) -> Option<(String, usize)> {
    let after_r = &text[1..];
    let hashes = after_r.len() - after_r.trim_start_matches('#').len();
    let body = after_r[hashes..].strip_prefix('"')?;
    let close = format!("\"{}", "#".repeat(hashes));
    let end = body.find(&close)?;
    Some((body[..end].to_owned(), 1 + hashes + 1 + end + close.len()))
}

/// Length of a character literal at the start of `text`.
fn char_literal_len(text: &str) -> usize {
    let mut chars = text.char_indices().skip(1);
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '\'' => return i + 1,
            _ => {}
        }
    }
    text.len()
}

/// A group being filled while its closing bracket has not been seen.
struct Open {
    node: usize,
    /// A key read (`name:` or `"key":`) waiting for its value.
    key: Option<(String, usize)>,
    /// The last value read, which may turn out to be a key when `:` follows.
    last: Option<usize>,
}

impl Outline {
    /// The outline of `text`. Malformed text gives a partial outline, never an error: the
    /// outline only locates, and `ron` has the last word on syntax.
    pub fn parse(text: &str) -> Self {
        let mut outline = Outline::default();
        let mut tokens = Tokens { text, at: 0 };
        let mut stack: Vec<Open> = Vec::new();
        // An identifier directly followed by `(` names the group: remember it.
        let mut pending_name: Option<(String, usize)> = None;
        while let Some((token, start, end)) = tokens.next_token() {
            if let Some((name, name_start)) = pending_name.take() {
                if token == Token::Open('(') {
                    let group = Kind::Group {
                        name: Some(name),
                        open: '(',
                    };
                    outline.open_group(&mut stack, group, name_start, end);
                    continue;
                }
                let name_end = name_start + name.len();
                outline.leaf(&mut stack, Kind::Atom(name), name_start, name_end);
            }
            match token {
                Token::Open(open) => {
                    let group = Kind::Group { name: None, open };
                    outline.open_group(&mut stack, group, start, end);
                }
                Token::Close => {
                    if let Some(open) = stack.pop() {
                        outline.nodes[open.node].end = end;
                    }
                }
                Token::Colon => outline.turn_last_into_key(&mut stack),
                Token::Comma => {
                    if let Some(top) = stack.last_mut() {
                        top.last = None;
                    }
                }
                Token::Str(decoded) => {
                    outline.leaf(&mut stack, Kind::Str(decoded), start, end);
                }
                Token::Atom(text) => {
                    let is_ident = text
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_alphabetic() || c == '_');
                    if is_ident {
                        pending_name = Some((text, start));
                    } else {
                        outline.leaf(&mut stack, Kind::Atom(text), start, end);
                    }
                }
            }
        }
        if let Some((name, name_start)) = pending_name {
            let name_end = name_start + name.len();
            outline.leaf(&mut stack, Kind::Atom(name), name_start, name_end);
        }
        outline
    }

    /// A value without insides, added to the innermost open group; its index.
    fn leaf(&mut self, stack: &mut [Open], kind: Kind, start: usize, end: usize) -> usize {
        let node = self.push(Node {
            start,
            end,
            kind,
            entries: Vec::new(),
        });
        self.attach(stack, node);
        node
    }

    /// A group whose opening bracket was just read: added, and open until its close.
    fn open_group(&mut self, stack: &mut Vec<Open>, kind: Kind, start: usize, end: usize) {
        let node = self.leaf(stack, kind, start, end);
        stack.push(Open {
            node,
            key: None,
            last: None,
        });
    }

    fn push(&mut self, node: Node) -> usize {
        self.nodes.push(node);
        self.nodes.len() - 1
    }

    /// Add a finished or opened value to the innermost open group (or make it the root).
    fn attach(&mut self, stack: &mut [Open], node: usize) {
        match stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
            Some(top) => {
                let key = top.key.take();
                self.nodes[top.node]
                    .entries
                    .push(Entry { key, value: node });
                top.last = Some(node);
            }
        }
    }

    /// `:` after a value: that value was a field name or a map key.
    fn turn_last_into_key(&mut self, stack: &mut [Open]) {
        let Some(top) = stack.last_mut() else { return };
        let Some(last) = top.last.take() else { return };
        let group = &mut self.nodes[top.node];
        if group.entries.last().is_some_and(|e| e.value == last) {
            group.entries.pop();
        }
        let key = &self.nodes[last];
        let text = match &key.kind {
            Kind::Str(s) | Kind::Atom(s) => s.clone(),
            Kind::Group { .. } => String::new(),
        };
        top.key = Some((text, key.start));
    }

    /// The node with this index.
    pub fn node(&self, index: usize) -> &Node {
        &self.nodes[index]
    }

    /// The outermost value.
    pub fn root(&self) -> Option<&Node> {
        self.root.map(|r| &self.nodes[r])
    }

    /// The value a path leads to from the root, or the deepest value on the way when the
    /// path stops early (so an error still lands as near as the text allows), with whether
    /// the whole path was found.
    pub fn walk(&self, path: &[Seg]) -> Option<(&Node, bool)> {
        let mut here = self.root()?;
        for seg in path {
            match self.step(here, *seg) {
                Some(next) => here = next,
                None => return Some((here, false)),
            }
        }
        Some((here, true))
    }

    /// The value a path leads to, if all of it exists.
    pub fn get(&self, path: &[Seg]) -> Option<&Node> {
        self.walk(path).filter(|(_, whole)| *whole).map(|(n, _)| n)
    }

    /// One step down from `node`.
    pub fn step(&self, node: &Node, seg: Seg) -> Option<&Node> {
        let entry = match seg {
            Seg::Field(name) | Seg::Key(name) => node
                .entries
                .iter()
                .find(|e| e.key.as_ref().is_some_and(|(k, _)| k == name))?,
            Seg::Index(i) => node.entries.get(i)?,
        };
        Some(&self.nodes[entry.value])
    }

    /// The first string equal to `text` inside `node` (itself included), depth first.
    pub fn find_string<'s>(&'s self, node: &'s Node, text: &str) -> Option<&'s Node> {
        let mut stack = vec![node];
        while let Some(n) = stack.pop() {
            if matches!(&n.kind, Kind::Str(s) if s == text) {
                return Some(n);
            }
            stack.extend(n.entries.iter().rev().map(|e| &self.nodes[e.value]));
        }
        None
    }

    /// The first key written twice in one map or struct, depth first: (the duplicate's
    /// key, its offset, the first one's offset).
    pub fn duplicate_key(&self) -> Option<(String, usize, usize)> {
        for node in &self.nodes {
            let keys: Vec<&(String, usize)> =
                node.entries.iter().filter_map(|e| e.key.as_ref()).collect();
            for (i, (key, at)) in keys.iter().enumerate() {
                if let Some((_, first)) = keys[..i].iter().find(|(k, _)| k == key) {
                    return Some((key.clone(), *at, *first));
                }
            }
        }
        None
    }

    /// The deepest nesting of groups in the text.
    pub fn depth(&self) -> usize {
        let Some(root) = self.root else { return 0 };
        let mut deepest = 0;
        let mut stack = vec![(root, 1usize)];
        while let Some((n, d)) = stack.pop() {
            if matches!(self.nodes[n].kind, Kind::Group { .. }) {
                deepest = deepest.max(d);
            }
            stack.extend(self.nodes[n].entries.iter().map(|e| (e.value, d + 1)));
        }
        deepest
    }
}

/// Byte offset, in `source`, of the `index`-th decoded character of the string literal
/// that starts at `literal_start` (escapes such as `\t` or `\u{58}` count as one character).
pub fn char_offset_in_literal(source: &str, literal_start: usize, index: usize) -> usize {
    let Some(text) = source.get(literal_start..) else {
        return literal_start;
    };
    let mut seen = 0;
    let mut chars = text.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        if c == '"' {
            return literal_start + i;
        }
        if seen == index {
            return literal_start + i;
        }
        seen += 1;
        if c == '\\'
            && let Some((_, e)) = chars.next()
        {
            match e {
                'u' => {
                    for (_, c) in chars.by_ref() {
                        if c == '}' {
                            break;
                        }
                    }
                }
                'x' => {
                    chars.next();
                    chars.next();
                }
                _ => {}
            }
        }
    }
    literal_start
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCENE: &str = r#"#![enable(implicit_some)]
Scene(
    name: "t", // a comment with "paint" in it
    entities: [(id: "shop", kind: PaintShop(color: Pink), requires: "paint")],
    /* a block /* nested */ comment */
    technologies: {"paint": Available},
    plans: [(name: "walk", actions: [Noop]), (name: "paint", actions: [Move(E)])],
    budgets: {"effect_dl": 1.0, "effect_dl": 2.0},
    grid: [".\u{58}\t."],
)"#;

    fn offset_of(needle: &str, nth: usize) -> usize {
        SCENE
            .match_indices(needle)
            .nth(nth)
            .map(|(i, _)| i)
            .unwrap()
    }

    #[test]
    fn a_path_leads_to_the_value_not_the_first_match() {
        let outline = Outline::parse(SCENE);
        let name = outline
            .get(&[Seg::Field("plans"), Seg::Index(1), Seg::Field("name")])
            .unwrap();
        assert_eq!(name.kind, Kind::Str("paint".into()));
        // The third `"paint"`: after the comment's and the shop's.
        assert_eq!(name.start, offset_of("\"paint\"", 3));
        let requires = outline
            .get(&[
                Seg::Field("entities"),
                Seg::Index(0),
                Seg::Field("requires"),
            ])
            .unwrap();
        assert_eq!(requires.start, offset_of("\"paint\"", 1));
    }

    #[test]
    fn named_groups_and_map_keys() {
        let outline = Outline::parse(SCENE);
        let root = outline.root().unwrap();
        assert!(matches!(&root.kind, Kind::Group { name: Some(n), open: '(' } if n == "Scene"));
        let kind = outline
            .get(&[Seg::Field("entities"), Seg::Index(0), Seg::Field("kind")])
            .unwrap();
        assert!(matches!(&kind.kind, Kind::Group { name: Some(n), .. } if n == "PaintShop"));
        let level = outline
            .get(&[Seg::Field("technologies"), Seg::Key("paint")])
            .unwrap();
        assert_eq!(level.kind, Kind::Atom("Available".into()));
    }

    #[test]
    fn a_duplicate_key_is_found_at_the_second_one() {
        let outline = Outline::parse(SCENE);
        let (key, at, first) = outline.duplicate_key().unwrap();
        assert_eq!(key, "effect_dl");
        assert_eq!(at, offset_of("\"effect_dl\"", 1));
        assert_eq!(first, offset_of("\"effect_dl\"", 0));
    }

    #[test]
    fn escaped_characters_are_located_in_the_source() {
        let outline = Outline::parse(SCENE);
        let row = outline
            .get(&[Seg::Field("grid"), Seg::Index(0)])
            .unwrap()
            .clone();
        assert_eq!(row.kind, Kind::Str(".X\t.".into()));
        assert_eq!(
            char_offset_in_literal(SCENE, row.start, 1),
            offset_of("\\u{58}", 0)
        );
        assert_eq!(
            char_offset_in_literal(SCENE, row.start, 2),
            offset_of("\\t", 0)
        );
        assert_eq!(
            char_offset_in_literal(SCENE, row.start, 3),
            offset_of("\\t", 0) + 2
        );
    }

    #[test]
    fn deep_nesting_needs_no_recursion() {
        let deep = "[".repeat(200_000) + &"]".repeat(200_000);
        let outline = Outline::parse(&deep);
        assert_eq!(outline.depth(), 200_000);
    }

    #[test]
    fn malformed_text_gives_a_partial_outline() {
        for text in [
            "",
            "(",
            ")))",
            "Scene(name: \"unterminated",
            "{:,:}",
            "r#\"",
            "'",
        ] {
            let _ = Outline::parse(text).walk(&[Seg::Field("name")]);
        }
    }
}
