//! Facts about the unit (name, instansi, year, predicate already held): from a sheet of unit
//! details, else from the title rows above the LKE header, else guessed from the file name.
//!
//! The unit sheet (zona's template writes one named `Unit`) holds label/value pairs: a label cell
//! (`Nama unit`, `Instansi`, `Tahun`, `Predikat yang sudah diperoleh`, `Tahun diperoleh`) with its
//! value in the next non-empty cell to the right. The year the predicate was awarded goes by
//! `Tahun diperoleh`, `Tahun penetapan`, `Tahun perolehan predikat`, `Predikat diperoleh tahun` and
//! the like; failing that, a year written in the predicate itself ("Menuju WBK (2023)"). Title rows hold lines such as `Unit Kerja: …`, `Instansi: …`,
//! `Tahun Penilaian: 2025`.

use std::path::Path;

use calamine::{Data, Range};
use zona_core::answer::{UnitInfo, UnitOrigin};
use zona_core::lang::single_spaced;

use crate::cells::data_text;

/// Sheet names that hold unit details.
pub const UNIT_SHEET_NAMES: [&str; 6] = [
    "unit",
    "data unit",
    "identitas",
    "identitas unit",
    "profil unit",
    "unit kerja",
];

/// What a label names.
#[derive(Clone, Copy, PartialEq)]
enum Field {
    Name,
    Instansi,
    Year,
    Prior,
    /// The year the predicate held was awarded.
    Awarded,
}

/// Words that make a `tahun …` label the year a predicate was awarded, not the LKE year.
const AWARDED_WORDS: [&str; 7] = [
    "diperoleh",
    "perolehan",
    "penetapan",
    "ditetapkan",
    "pemberian",
    "predikat",
    "award",
];

/// Words that make a `predikat …` label the predicate a unit is applying for, not one it holds
/// ("Predikat yang diusulkan", "Predikat yang ingin dicapai").
/// Whole words, but for "usul", which is a part of them ("diusulkan", "usulan"). Not "dicapai":
/// "Predikat yang telah dicapai" is one held ("yang ingin dicapai" has "ingin").
const PROPOSED_WORDS: [&str; 11] = [
    "usul",
    "diajukan",
    "pengajuan",
    "ingin",
    "dituju",
    "target",
    "sasaran",
    "rencana",
    "akan",
    "proposed",
    "applied",
];

fn is_proposal(label: &str) -> bool {
    label
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w.contains("usul") || PROPOSED_WORDS.contains(&w))
}

fn field_of(label: &str) -> Option<Field> {
    let l = label.trim().trim_end_matches(':').trim().to_lowercase();
    if l.starts_with("predikat") && is_proposal(&l) {
        return None;
    }
    let awarded = AWARDED_WORDS.iter().any(|w| l.contains(w));
    if (l.starts_with("tahun") && awarded)
        || (l.starts_with("predikat") && l.contains("tahun"))
        || l.starts_with("year awarded")
    {
        Some(Field::Awarded)
    } else if l.starts_with("predikat") {
        Some(Field::Prior)
    } else if l.starts_with("nama unit")
        || l == "unit"
        || l.starts_with("unit kerja")
        || l == "nama"
    {
        Some(Field::Name)
    } else if l.starts_with("instansi") || l.starts_with("kementerian") {
        Some(Field::Instansi)
    } else if l.starts_with("tahun") {
        Some(Field::Year)
    } else {
        None
    }
}

fn year_in(text: &str) -> Option<i32> {
    let digits: Vec<char> = text.chars().collect();
    digits.windows(4).enumerate().find_map(|(i, w)| {
        let before = i.checked_sub(1).is_some_and(|j| digits[j].is_ascii_digit());
        let after = digits.get(i + 4).is_some_and(char::is_ascii_digit);
        let s: String = w.iter().collect();
        (!before && !after && w.iter().all(char::is_ascii_digit))
            .then(|| s.parse::<i32>().ok())
            .flatten()
            .filter(|y| (2000..=2100).contains(y))
    })
}

fn apply(info: &mut UnitInfo, field: Field, value: &str) {
    let v = value.trim();
    if v.is_empty() {
        return;
    }
    match field {
        Field::Name if info.name.is_none() => info.name = Some(single_spaced(v)),
        Field::Instansi if info.instansi.is_none() => info.instansi = Some(single_spaced(v)),
        Field::Year if info.year.is_none() => info.year = year_in(v),
        Field::Prior if info.prior_predicate.is_none() => {
            info.prior_predicate = Some(v.to_string());
            if info.awarded_year.is_none() {
                info.awarded_year = year_in(v);
            }
        }
        Field::Awarded => {
            if let Some(y) = year_in(v) {
                info.awarded_year = Some(y);
            }
        }
        _ => {}
    }
}

fn is_empty(info: &UnitInfo) -> bool {
    info.name.is_none() && info.instansi.is_none() && info.year.is_none()
}

/// Reads label/value pairs from a unit sheet.
pub fn from_unit_sheet(name: &str, range: &Range<Data>) -> Option<UnitInfo> {
    let mut info = UnitInfo::default();
    for row in range.rows() {
        let cells: Vec<String> = row
            .iter()
            .map(|d| data_text(d).unwrap_or_default())
            .collect();
        for (i, c) in cells.iter().enumerate() {
            if let Some(field) = field_of(c) {
                if let Some(v) = cells[i + 1..].iter().find(|v| !v.trim().is_empty()) {
                    apply(&mut info, field, v);
                }
                break;
            }
        }
    }
    (!is_empty(&info)).then(|| UnitInfo {
        origin: Some(UnitOrigin::Sheet(name.to_string())),
        ..info
    })
}

/// Reads `Label: value` lines from the rows above the LKE header.
pub fn from_title(range: &Range<Data>, header_row: u32) -> Option<UnitInfo> {
    let (r0, c0) = range.start()?;
    let (_, c1) = range.end()?;
    let mut info = UnitInfo::default();
    for r in r0..header_row {
        for c in c0..=c1 {
            let Some(text) = range.get_value((r, c)).and_then(data_text) else {
                continue;
            };
            for line in text.lines() {
                if let Some((label, value)) = line.split_once(':') {
                    if let Some(field) = field_of(label) {
                        apply(&mut info, field, value);
                    }
                } else if line.trim().to_lowercase().starts_with("tahun") {
                    let field = field_of(line).unwrap_or(Field::Year);
                    apply(&mut info, field, line);
                }
            }
        }
    }
    (!is_empty(&info)).then_some(UnitInfo {
        origin: Some(UnitOrigin::Title),
        ..info
    })
}

/// A guess from the file name: the year is a 4-digit 20xx in it, the name is the rest.
/// `lke-kanim-jakarta-2024.xlsx` → "kanim jakarta", 2024.
pub fn from_file_name(path: &Path) -> UnitInfo {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let year = year_in(&stem);
    let mut name: String = stem
        .split(['-', '_', ' ', '.'])
        .filter(|w| !w.is_empty())
        .filter(|w| year.is_none_or(|y| *w != y.to_string()))
        .filter(|w| !w.eq_ignore_ascii_case("lke"))
        .collect::<Vec<_>>()
        .join(" ");
    if name.is_empty() {
        name = stem;
    }
    UnitInfo {
        name: Some(name),
        year,
        origin: Some(UnitOrigin::FileName),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names() {
        let u = from_file_name(Path::new("/x/lke-kanim-jakarta-2024.xlsx"));
        assert_eq!(u.name.as_deref(), Some("kanim jakarta"));
        assert_eq!(u.year, Some(2024));
        assert_eq!(u.origin, Some(UnitOrigin::FileName));
        assert_eq!(from_file_name(Path::new("rs_12025.xlsx")).year, None);
    }

    #[test]
    fn the_year_a_predicate_was_awarded_is_not_the_lke_year() {
        for label in [
            "Tahun diperoleh",
            "Tahun penetapan",
            "Tahun Perolehan Predikat:",
            "Predikat diperoleh tahun",
            "TAHUN PENETAPAN PREDIKAT",
        ] {
            assert!(field_of(label) == Some(Field::Awarded), "{label}");
        }
        assert!(field_of("Tahun") == Some(Field::Year));
        assert!(field_of("Tahun Penilaian") == Some(Field::Year));
        assert!(field_of("Predikat yang sudah diperoleh") == Some(Field::Prior));
        // The predicate applied for is not one held.
        for label in [
            "Predikat yang diusulkan",
            "Predikat usulan",
            "Predikat yang ingin dicapai",
            "Predikat yang diajukan:",
            "Predikat target",
        ] {
            assert!(field_of(label).is_none(), "{label}");
        }
        assert!(field_of("Predikat yang telah dicapai") == Some(Field::Prior));
        let mut info = UnitInfo::default();
        apply(&mut info, Field::Year, "2025");
        apply(&mut info, Field::Prior, "Menuju WBK (2023)");
        assert_eq!((info.year, info.awarded_year), (Some(2025), Some(2023)));
        // A label of its own wins over the year in the predicate text.
        apply(&mut info, Field::Awarded, "2022");
        assert_eq!(info.awarded_year, Some(2022));
    }

    #[test]
    fn years_in_text() {
        assert_eq!(year_in("Tahun Penilaian: 2025"), Some(2025));
        assert_eq!(year_in("TAHUN 2024"), Some(2024));
        assert_eq!(year_in("12025"), None);
    }
}

#[cfg(test)]
mod batch_unit_tests {
    use std::path::Path;

    use zona_core::answer::UnitOrigin;
    use zona_core::batch::BatchUnit;
    use zona_core::{Lang, UnitInfo};

    use super::from_file_name;

    #[test]
    fn unit_facts_missing_from_the_workbook_come_from_the_file_name() {
        let stated = UnitInfo {
            name: Some("Kantor A".into()),
            origin: Some(UnitOrigin::Sheet("Unit".into())),
            ..Default::default()
        };
        let u = BatchUnit::new(
            &stated,
            &from_file_name(Path::new("/x/lke-kantor-a-2024.xlsx")),
        );
        assert_eq!(u.name.as_deref(), Some("Kantor A"));
        assert_eq!(u.year, Some(2024));
        assert_eq!(u.from_file_name, ["year"]);
        assert_eq!(u.origin_code(), "sheet");
        assert_eq!(
            u.origin_label(Lang::Id),
            "lembar \"Unit\"; tahun: nama berkas"
        );
        let none = BatchUnit::new(
            &UnitInfo::default(),
            &from_file_name(Path::new("kanim-2023.xlsx")),
        );
        assert_eq!(none.origin_code(), "file_name");
        assert_eq!(none.name.as_deref(), Some("kanim"));
        assert!(none.from_file_name.is_empty());
    }
}
