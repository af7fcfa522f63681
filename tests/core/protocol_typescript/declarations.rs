//! Reads the TypeScript declarations of src/wasm_api/protocol_types.rs: the
//! small, regular subset that file promises (`export interface` with one
//! `name: type;` per field, `export type` unions of interfaces or string
//! literals). Anything else (generic helpers) is skipped.

use std::collections::BTreeMap;

/// One declared field.
#[derive(Debug, Clone)]
pub struct Field {
    pub optional: bool,
    /// The type as written, e.g. `Overlay | null`.
    pub type_text: String,
}

/// What a declared name stands for.
#[derive(Debug, Clone)]
pub enum Declared {
    Interface(BTreeMap<String, Field>),
    /// A union of interface names.
    Union(Vec<String>),
    /// A union of string literals, without quotes.
    Literals(Vec<String>),
}

/// The declarations by name.
pub type Declarations = BTreeMap<String, Declared>;

/// The TypeScript text inside `const PROTOCOL_TYPES: &str = r#"…"#;`.
pub fn text_of(rust_source: &str) -> &str {
    let start = rust_source.find("r#\"").expect("protocol_types.rs holds a raw string") + 3;
    let end = rust_source[start..].find("\"#").expect("the raw string ends") + start;
    &rust_source[start..end]
}

pub fn read(text: &str) -> Declarations {
    let text = strip_comments(text);
    let mut out = Declarations::new();
    for item in text.split("export ").skip(1) {
        if let Some(rest) = item.strip_prefix("interface ") {
            let (name, body) = rest.split_once('{').expect("interface body");
            let body = body.split('}').next().expect("interface end");
            out.insert(name.trim().to_string(), Declared::Interface(fields(body)));
        } else if let Some(rest) = item.strip_prefix("type ") {
            let (name, value) = rest.split_once('=').expect("type alias");
            let name = name.trim();
            if name.contains('<') {
                continue;
            }
            let value = value.trim().trim_end_matches(';').trim();
            let members: Vec<&str> = value.split('|').map(str::trim).filter(|m| !m.is_empty()).collect();
            if members.iter().all(|m| m.starts_with('"')) {
                let literals = members.iter().map(|m| m.trim_matches('"').to_string()).collect();
                out.insert(name.to_string(), Declared::Literals(literals));
            } else if members.iter().all(|m| is_type_name(m)) {
                out.insert(name.to_string(), Declared::Union(members.iter().map(|m| m.to_string()).collect()));
            }
        }
    }
    out
}

fn is_type_name(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_alphabetic()) && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn fields(body: &str) -> BTreeMap<String, Field> {
    body.split(';')
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .map(|f| {
            let (name, type_text) = f.split_once(':').unwrap_or_else(|| panic!("field without a type: {f}"));
            let optional = name.trim().ends_with('?');
            let name = name.trim().trim_end_matches('?').to_string();
            (name, Field { optional, type_text: type_text.trim().to_string() })
        })
        .collect()
}

fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start..].find("*/").map_or("", |end| &rest[start + end + 2..]);
    }
    out.push_str(rest);
    out.lines().map(|line| line.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

/// The names of declared interfaces or unions a field's type mentions.
pub fn named_types<'d>(decls: &'d Declarations, type_text: &str) -> Vec<&'d str> {
    type_text
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter_map(|word| decls.get_key_value(word))
        .filter(|(_, d)| !matches!(d, Declared::Literals(_)))
        .map(|(name, _)| name.as_str())
        .collect()
}

/// The interface of `union` whose `kind` is the literal `kind`.
pub fn member_with_kind<'d>(decls: &'d Declarations, union: &[String], kind: &str) -> Option<&'d str> {
    union.iter().find_map(|member| match decls.get_key_value(member.as_str()) {
        Some((name, Declared::Interface(fields)))
            if fields.get("kind").is_some_and(|f| f.type_text == format!("\"{kind}\"")) =>
        {
            Some(name.as_str())
        }
        _ => None,
    })
}
