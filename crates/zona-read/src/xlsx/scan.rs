//! A plain scan of `<sheetData>` for the XML spreadsheets write: `<row>`, `<c>`, `<v>` and `<f>`
//! only, no entity, comment, CDATA, prefix or inline string. Anything else and it gives up
//! (`Unsupported`): the events reader (`cells_by_events`) then reads the cells. Where it reads,
//! it reads what the events reader reads: the same attributes, positions and values.

use super::{attrs, plain_value, unescape_xml, Cells, Context, Cursor, Res, Unsupported, Value};
use calamine::Data;

/// The cells, the offset just after `</sheetData>` and the elements still open there
/// (`depth`: those open at `start`, `<sheetData>` included).
pub(super) fn sheet_data(
    xml: &str,
    start: usize,
    mut depth: u32,
    ctx: &Context,
) -> Res<(Cells, usize, u32)> {
    let b = xml.as_bytes();
    let mut at = start;
    let mut cells = Cells::default();
    let mut pos_at = Cursor::default();
    loop {
        at = next_tag(b, at)?;
        if b[at..].starts_with(b"</") {
            let (name, end) = closing(xml, at)?;
            depth = depth.checked_sub(1).ok_or(Unsupported)?;
            match name {
                "row" => pos_at.row_end()?,
                "sheetData" => return Ok((cells, end, depth)),
                _ => return Err(Unsupported),
            }
            at = end;
            continue;
        }
        let (name, attrs_raw, empty, end) = opening(xml, at)?;
        at = end;
        if !empty {
            depth += 1;
        }
        match name {
            "row" => {
                let [r] = attrs(attrs_raw, ["r"])?;
                pos_at.row_start(r)?;
                if super::row_hidden(attrs_raw) {
                    cells.hidden_rows.push(pos_at.row);
                }
                if empty {
                    pos_at.row_end()?;
                }
            }
            "c" => {
                let [pos_attr, style, typ] = attrs(attrs_raw, ["r", "s", "t"])?;
                let pos = pos_at.cell(pos_attr)?;
                let (value, formula) = if empty {
                    (Value::Empty, None)
                } else {
                    // The cell's own elements open and close within it (`cell` refuses
                    // any other shape), so it leaves `depth` one lower: its `</c>`.
                    let (value, formula, end) = cell(xml, at, style, typ, ctx)?;
                    at = end;
                    depth -= 1;
                    (value, formula)
                };
                pos_at.cell_end()?;
                cells.add(pos, value, formula)?;
            }
            _ => return Err(Unsupported),
        }
    }
}

/// The strings of `<sst>` from `start` (just after its start tag) to `</sst>`, where each is
/// `<si><t>text</t></si>` (or `<si/>`, `<t/>`, `<t xml:space="preserve">`): no rich text runs,
/// phonetic runs or other references than the five predefined entities.
pub(super) fn shared_strings(xml: &str, start: usize) -> Res<Vec<String>> {
    let b = xml.as_bytes();
    let mut at = start;
    let mut strings = Vec::new();
    loop {
        at = next_tag(b, at)?;
        if b[at..].starts_with(b"</") {
            let (name, _) = closing(xml, at)?;
            return if name == "sst" {
                Ok(strings)
            } else {
                Err(Unsupported)
            };
        }
        let (name, attrs_raw, empty, end) = opening(xml, at)?;
        at = end;
        if name != "si" || !attrs_raw.trim_ascii().is_empty() {
            return Err(Unsupported);
        }
        if empty {
            strings.push(String::new());
            continue;
        }
        // One `<t>`, then `</si>`.
        at = next_tag(b, at)?;
        if b[at..].starts_with(b"</") {
            let (name, end) = closing(xml, at)?;
            if name != "si" {
                return Err(Unsupported);
            }
            at = end;
            strings.push(String::new());
            continue;
        }
        let (name, attrs_raw, empty, end) = opening(xml, at)?;
        at = end;
        if name != "t" {
            return Err(Unsupported);
        }
        let [space] = attrs(attrs_raw, ["xml:space"])?;
        let text = if empty {
            ""
        } else {
            let (text, end) = content(xml, at, "t")?;
            at = end;
            text
        };
        // Most strings hold no entity, escape or carriage return: one look tells.
        if memchr::memchr3(b'&', b'_', b'\r', text.as_bytes()).is_none() {
            let text = if space == Some("preserve") {
                text
            } else {
                text.trim_matches([' ', '\t', '\n'])
            };
            strings.push(text.to_string());
        } else {
            // Line ends are normalised by the events reader.
            if text.contains('\r') {
                return Err(Unsupported);
            }
            let text = entities(text)?;
            let text = if space == Some("preserve") {
                &text
            } else {
                text.trim_matches([' ', '\t', '\n'])
            };
            strings.push(unescape_xml(text).into_owned());
        }
        at = next_tag(b, at)?;
        if !b[at..].starts_with(b"</") {
            return Err(Unsupported);
        }
        let (name, end) = closing(xml, at)?;
        if name != "si" {
            return Err(Unsupported);
        }
        at = end;
    }
}

/// The children of a `<c>` up to `</c>`: `<v>` and `<f>` only.
fn cell<'s>(
    xml: &'s str,
    mut at: usize,
    style: Option<&str>,
    typ: Option<&str>,
    ctx: &Context<'s>,
) -> Res<(Value<'s>, Option<String>, usize)> {
    let b = xml.as_bytes();
    let mut value = Value::Empty;
    let mut formula: Option<String> = None;
    let mut shared_formula = false;
    loop {
        at = next_tag(b, at)?;
        if b[at..].starts_with(b"</") {
            let (name, end) = closing(xml, at)?;
            if name != "c" {
                return Err(Unsupported);
            }
            at = end;
            break;
        }
        let (name, attrs_raw, empty, end) = opening(xml, at)?;
        at = end;
        let text = if empty {
            ""
        } else {
            let (text, end) = content(xml, at, name)?;
            at = end;
            text
        };
        match name {
            "v" => {
                if !attrs_raw.trim_ascii().is_empty() || empty {
                    return Err(Unsupported);
                }
                value = match typ {
                    Some("inlineStr" | "is") => Value::Empty,
                    Some("n" | "s" | "b" | "e") | None => {
                        if text.contains('&') {
                            // The events reader takes the text before the first entity.
                            return Err(Unsupported);
                        }
                        if text.is_empty() {
                            Value::Empty
                        } else {
                            plain_value(text, style, typ, ctx)?
                        }
                    }
                    // Text with line ends would be normalised by the events reader.
                    Some(_) if text.contains('\r') => return Err(Unsupported),
                    Some("str") => {
                        Value::Data(Data::String(unescape_xml(&entities(text)?).into_owned()))
                    }
                    Some("d") => Value::Data(Data::DateTimeIso(entities(text)?.into_owned())),
                    Some(_) => return Err(Unsupported),
                };
            }
            "f" => {
                let [t, si, range] = attrs(attrs_raw, ["t", "si", "ref"])?;
                if t == Some("shared") {
                    super::plain_number(si.ok_or(Unsupported)?)?;
                    if let Some(range) = range {
                        super::dimension(range)?;
                    }
                    shared_formula = true;
                    formula = None;
                } else {
                    if text.contains('\r') {
                        return Err(Unsupported);
                    }
                    shared_formula = false;
                    formula = Some(entities(text)?.into_owned());
                }
            }
            _ => return Err(Unsupported),
        }
    }
    if matches!(value, Value::Empty) {
        if shared_formula {
            return Err(Unsupported);
        }
        Ok((value, formula, at))
    } else {
        // As the events reader: a plain reference is kept beside its cached value.
        Ok((
            value,
            formula.filter(|f| super::plain_reference(f).is_some()),
            at,
        ))
    }
}

/// The next `<` from `at`, over text without entities (text between elements is ignored,
/// as the events reader ignores it).
fn next_tag(b: &[u8], at: usize) -> Res<usize> {
    let rest = b.get(at..).ok_or(Unsupported)?;
    // Between tags there is mostly nothing, or a line end and indentation.
    let lt = match rest.first() {
        Some(b'<') => 0,
        _ => memchr::memchr(b'<', rest).ok_or(Unsupported)?,
    };
    if rest[..lt].contains(&b'&') {
        return Err(Unsupported);
    }
    Ok(at + lt)
}

/// `</name>` at `at`: the name and the offset after `>`.
fn closing(xml: &str, at: usize) -> Res<(&str, usize)> {
    let rest = &xml.as_bytes()[at + 2..];
    let gt = memchr::memchr(b'>', rest).ok_or(Unsupported)?;
    // XML's whitespace only (a form feed is part of the name to the events reader).
    let name = xml[at + 2..at + 2 + gt].trim_end_matches([' ', '\t', '\r', '\n']);
    if !is_plain_name(name) {
        return Err(Unsupported);
    }
    Ok((name, at + 2 + gt + 1))
}

/// `<name attrs>` or `<name attrs/>` at `at`: the name, the attributes, whether it is empty,
/// and the offset after `>`. The tag ends at the first `>` outside quotes, as the events
/// reader ends it; a `<` in it, or a quote left open, is the events reader's.
fn opening(xml: &str, at: usize) -> Res<(&str, &str, bool, usize)> {
    let b = xml.as_bytes();
    let start = at + 1;
    let mut i = start;
    while i < b.len() && !matches!(b[i], b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/') {
        i += 1;
    }
    let name = &xml[start..i];
    if !is_plain_name(name) {
        return Err(Unsupported);
    }
    let inner_start = i;
    let mut quote = 0u8;
    loop {
        let c = *b.get(i).ok_or(Unsupported)?;
        match (quote, c) {
            (_, b'<') => return Err(Unsupported),
            (0, b'"' | b'\'') => quote = c,
            (0, b'>') => break,
            (q, c) if q == c => quote = 0,
            _ => {}
        }
        i += 1;
    }
    let inner = &xml[inner_start..i];
    let (attrs, empty) = match inner.strip_suffix('/') {
        Some(a) => (a, true),
        None => (inner, false),
    };
    Ok((name, attrs, empty, i + 1))
}

/// Text up to `</name>`, without markup: the raw text (entities not resolved) and the offset
/// after the end.
fn content<'x>(xml: &'x str, at: usize, name: &str) -> Res<(&'x str, usize)> {
    let rest = &xml[at..];
    let lt = rest.find('<').ok_or(Unsupported)?;
    let text = &rest[..lt];
    if !rest[lt..].starts_with("</") {
        return Err(Unsupported);
    }
    let (closing_name, end) = closing(xml, at + lt)?;
    if closing_name != name {
        return Err(Unsupported);
    }
    Ok((text, end))
}

/// Text with the five predefined entities resolved (`&amp;`, `&lt;`, `&gt;`, `&quot;`,
/// `&apos;`); any other reference is the events reader's.
fn entities(text: &str) -> Res<std::borrow::Cow<'_, str>> {
    if !text.contains('&') {
        return Ok(std::borrow::Cow::Borrowed(text));
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let semi = after.find(';').ok_or(Unsupported)?;
        out.push_str(match &after[..semi] {
            "amp" => "&",
            "lt" => "<",
            "gt" => ">",
            "quot" => "\"",
            "apos" => "'",
            _ => return Err(Unsupported),
        });
        rest = &after[semi + 1..];
    }
    out.push_str(rest);
    Ok(std::borrow::Cow::Owned(out))
}

/// A name the scan knows: the elements of cells and of plain shared strings.
fn is_plain_name(name: &str) -> bool {
    matches!(
        name,
        "row" | "c" | "v" | "f" | "sheetData" | "sst" | "si" | "t"
    )
}
