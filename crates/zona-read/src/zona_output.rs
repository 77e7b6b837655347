//! Whether a workbook is a result zona wrote ([`OutputKind`], its `zona-output` document
//! property), for a batch that passes its own earlier reports and summaries over.

use std::io::Read;
use std::path::Path;

use zona_core::OutputKind;

/// The largest `docProps/custom.xml` looked into (zona's is a few hundred bytes).
const CUSTOM_LIMIT: u64 = 64 * 1024;

/// The kind of result zona wrote this workbook as; `None` for anything else (an LKE, a template,
/// a file that is not a zip or cannot be read: reading it says why).
pub fn zona_output_kind(path: &Path) -> Option<OutputKind> {
    let file = std::fs::File::open(path).ok()?;
    let mut zip = match zip::ZipArchive::new(std::io::BufReader::new(file)) {
        Ok(zip) => zip,
        // A compound file: an .xls LibreOffice saved from a report keeps the mark too.
        Err(_) if crate::guard::is_compound_file(path) => {
            return crate::xls_guard::zona_output_kind(path)
        }
        Err(_) => return None,
    };
    // An xlsx keeps it in its custom properties; LibreOffice, saving one as .ods, in meta.xml
    // (`<meta:user-defined meta:name="zona-output">report</meta:user-defined>`).
    let (name, ods) = if zip.index_for_name("docProps/custom.xml").is_some() {
        ("docProps/custom.xml", false)
    } else {
        ("meta.xml", true)
    };
    let part = zip.by_name(name).ok()?;
    if part.size() > CUSTOM_LIMIT {
        return None;
    }
    let mut xml = String::new();
    part.take(CUSTOM_LIMIT).read_to_string(&mut xml).ok()?;
    if ods {
        kind_in_ods_meta(&xml)
    } else {
        kind_in(&xml)
    }
}

/// The value of the `zona-output` user-defined field of an OpenDocument `meta.xml`.
fn kind_in_ods_meta(xml: &str) -> Option<OutputKind> {
    let at = xml.find(&format!("meta:name=\"{}\"", OutputKind::PROPERTY))?;
    let rest = &xml[at..];
    let start = rest.find('>')? + 1;
    let end = rest[start..].find('<')? + start;
    OutputKind::from_code(rest[start..end].trim())
}

/// The value of the `zona-output` property in a custom-properties part.
fn kind_in(xml: &str) -> Option<OutputKind> {
    let at = xml.find(&format!("name=\"{}\"", OutputKind::PROPERTY))?;
    let rest = &xml[at..];
    let end_of_property = rest.find("</property>")?;
    let value = &rest[..end_of_property];
    let start = value.find("<vt:lpwstr>")? + "<vt:lpwstr>".len();
    let end = value[start..].find("</vt:lpwstr>")? + start;
    OutputKind::from_code(value[start..end].trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_property_is_found_in_the_part() {
        let xml = r#"<Properties><property fmtid="{x}" pid="2" name="other"><vt:lpwstr>report</vt:lpwstr></property><property fmtid="{x}" pid="3" name="zona-output"><vt:lpwstr>summary</vt:lpwstr></property></Properties>"#;
        assert_eq!(kind_in(xml), Some(OutputKind::Summary));
        assert_eq!(kind_in(&xml.replace("summary", "lke")), None);
        assert_eq!(kind_in("<Properties/>"), None);
        let meta = r#"<office:meta><meta:user-defined meta:name="zona-output" meta:value-type="string">report</meta:user-defined></office:meta>"#;
        assert_eq!(kind_in_ods_meta(meta), Some(OutputKind::Report));
    }
}
