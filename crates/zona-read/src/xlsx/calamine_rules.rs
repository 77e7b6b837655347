//! What zona's xlsx reader takes from calamine's own source (calamine 0.38, MIT, © Johann
//! Tuffe), so that both readers agree on every input zona's accepts: the attribute scanning
//! (`RawAttrIter`, `get_attrs!`), entities, Excel's `_xHHHH_` escapes, and which number formats
//! show dates.

use std::borrow::Cow;

use quick_xml::events::{BytesRef, BytesStart};

use super::{CellFormat, Res, Unsupported};

/// Raw attributes of an element, as calamine scans them (values not unescaped).
pub(super) struct RawAttrIter<'a> {
    raw: &'a str,
    pos: usize,
}

impl<'a> RawAttrIter<'a> {
    pub(super) fn new(raw: &'a str) -> Self {
        RawAttrIter { raw, pos: 0 }
    }
}

impl<'a> Iterator for RawAttrIter<'a> {
    type Item = Res<(&'a str, &'a str)>;

    fn next(&mut self) -> Option<Self::Item> {
        let raw = self.raw;
        let bytes = raw.as_bytes();
        let len = bytes.len();
        let mut pos = self.pos;
        while pos < len && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        if pos >= len {
            self.pos = pos;
            return None;
        }
        let key_start = pos;
        while pos < len && bytes[pos] != b'=' {
            pos += 1;
        }
        if pos >= len {
            self.pos = len;
            return Some(Err(Unsupported));
        }
        let key = raw[key_start..pos].trim_ascii_end();
        pos += 1;
        while pos < len && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        let quote = match bytes.get(pos) {
            Some(q @ (b'"' | b'\'')) => *q,
            _ => {
                self.pos = len;
                return Some(Err(Unsupported));
            }
        };
        pos += 1;
        let val_start = pos;
        while pos < len && bytes[pos] != quote {
            pos += 1;
        }
        let val = &raw[val_start..pos];
        if pos < len {
            pos += 1;
        }
        self.pos = pos;
        Some(Ok((key, val)))
    }
}

/// The first attribute of that name.
pub(super) fn raw_attr<'a>(e: &'a BytesStart, name: &str) -> Res<Option<&'a str>> {
    for item in RawAttrIter::new(e.attributes_raw()) {
        let (k, v) = item?;
        if k == name {
            return Ok(Some(v));
        }
    }
    Ok(None)
}

/// Several attributes at once, as calamine's `get_attrs!` finds them: each name's last value
/// seen before as many matches as names were counted.
pub(super) fn attrs<'a, const N: usize>(
    raw: &'a str,
    names: [&str; N],
) -> Res<[Option<&'a str>; N]> {
    let mut found = [None; N];
    let mut count = 0;
    for item in RawAttrIter::new(raw) {
        let (k, v) = item?;
        if let Some(i) = names.iter().position(|n| *n == k) {
            found[i] = Some(v);
            count += 1;
        }
        if count == N {
            break;
        }
    }
    Ok(found)
}

pub(super) fn decode_attr(v: &str) -> Res<String> {
    quick_xml::escape::unescape(v)
        .map(Cow::into_owned)
        .map_err(|_| Unsupported)
}

/// `&amp;`, `&#xA0;`: what calamine's `unescape_entity_to_buffer` resolves; anything else fails.
pub(super) fn entity(g: &BytesRef) -> Res<Cow<'static, str>> {
    let name: &str = g;
    if let Some(s) = quick_xml::escape::resolve_xml_entity(name) {
        return Ok(Cow::Borrowed(s));
    }
    match g.resolve_char_ref() {
        Ok(Some(c)) => Ok(Cow::Owned(c.to_string())),
        _ => Err(Unsupported),
    }
}

const UNICODE_ESCAPE_LENGTH: usize = 7;

/// Excel's `_xHHHH_` escapes (a UTF-16 code unit each) turned into characters.
pub(super) fn unescape_xml(original: &str) -> Cow<'_, str> {
    let Some((mut index, mut unit)) = find_xml_escape(original, 0) else {
        return Cow::Borrowed(original);
    };
    let mut unescaped = String::with_capacity(original.len());
    let mut copied = 0;
    loop {
        unescaped.push_str(&original[copied..index]);
        index += UNICODE_ESCAPE_LENGTH;
        match unit {
            0xD800..=0xDBFF => match parse_xml_escape(original, index) {
                Some(low @ 0xDC00..=0xDFFF) => {
                    let code_point =
                        0x10000 + ((u32::from(unit) - 0xD800) << 10) + (u32::from(low) - 0xDC00);
                    unescaped
                        .push(char::from_u32(code_point).unwrap_or(char::REPLACEMENT_CHARACTER));
                    index += UNICODE_ESCAPE_LENGTH;
                }
                _ => unescaped.push(char::REPLACEMENT_CHARACTER),
            },
            0xDC00..=0xDFFF => unescaped.push(char::REPLACEMENT_CHARACTER),
            _ => unescaped
                .push(char::from_u32(u32::from(unit)).unwrap_or(char::REPLACEMENT_CHARACTER)),
        }
        copied = index;
        match find_xml_escape(original, index) {
            Some(next) => (index, unit) = next,
            None => break,
        }
    }
    unescaped.push_str(&original[copied..]);
    Cow::Owned(unescaped)
}

pub(super) fn find_xml_escape(original: &str, mut start: usize) -> Option<(usize, u16)> {
    while let Some(offset) = original[start..].find('_') {
        let index = start + offset;
        if let Some(unit) = parse_xml_escape(original, index) {
            return Some((index, unit));
        }
        start = index + 1;
    }
    None
}

pub(super) fn parse_xml_escape(original: &str, index: usize) -> Option<u16> {
    let bytes = original
        .as_bytes()
        .get(index..index + UNICODE_ESCAPE_LENGTH)?;
    if bytes[0] != b'_' || bytes[1] != b'x' || bytes[6] != b'_' {
        return None;
    }
    let hex = &bytes[2..6];
    if !hex.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    u16::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()
}

/// Whether a custom number format shows a date or a duration.
pub(super) fn detect_custom_number_format(format: &str) -> CellFormat {
    let mut escaped = false;
    let mut is_quote = false;
    let mut brackets = 0u8;
    let mut prev = ' ';
    let mut hms = false;
    let mut ap = false;
    for s in format.chars() {
        match (s, escaped, is_quote, ap, brackets) {
            (_, true, ..) => escaped = false,
            ('_' | '\\' | '*', ..) => escaped = true,
            ('"', _, true, _, _) => is_quote = false,
            (_, _, true, _, _) => (),
            ('"', _, _, _, _) => is_quote = true,
            (';', ..) => return CellFormat::Other,
            ('[', ..) => brackets = brackets.wrapping_add(1),
            (']', .., 1) if hms => return CellFormat::TimeDelta,
            (']', ..) => brackets = brackets.saturating_sub(1),
            ('a' | 'A', _, _, false, 0) => ap = true,
            ('p' | 'm' | '/' | 'P' | 'M', _, _, true, 0) => return CellFormat::DateTime,
            ('d' | 'm' | 'h' | 'y' | 's' | 'D' | 'M' | 'H' | 'Y' | 'S', _, _, false, 0) => {
                return CellFormat::DateTime
            }
            _ => {
                if !(hms && s.eq_ignore_ascii_case(&prev)) {
                    hms = prev == '[' && matches!(s, 'm' | 'h' | 's' | 'M' | 'H' | 'S');
                }
            }
        }
        prev = s;
    }
    CellFormat::Other
}

/// The built-in number formats that show a date or a duration.
pub(super) fn builtin_format_by_id(id: &str) -> CellFormat {
    match id {
        "14" | "15" | "16" | "17" | "18" | "19" | "20" | "21" | "22" | "45" | "47" => {
            CellFormat::DateTime
        }
        "27" | "28" | "29" | "30" | "31" | "32" | "33" | "34" | "35" | "36" | "50" | "51"
        | "52" | "53" | "54" | "55" | "56" | "57" | "58" => CellFormat::DateTime,
        "46" => CellFormat::TimeDelta,
        _ => CellFormat::Other,
    }
}
