//! Cell helpers: calamine values turned into zona's raw values (cell names are [`zona_core::a1`]).

use calamine::Data;
pub use zona_core::a1::{cell_name, col_name};
use zona_core::RawValue;

/// The text of a cell holding text or a number (numbers as the sheet would show them).
pub fn data_text(d: &Data) -> Option<String> {
    match d {
        Data::String(s) => Some(s.clone()),
        Data::Int(i) => Some(i.to_string()),
        Data::Float(f) => Some(if f.fract() == 0.0 && f.abs() < 1e15 {
            format!("{}", *f as i64)
        } else {
            f.to_string()
        }),
        _ => None,
    }
}

/// A calamine value as a raw value.
pub fn data_to_raw(d: &Data) -> RawValue {
    match d {
        Data::Empty => RawValue::Empty,
        Data::String(s) => RawValue::Text(s.clone()),
        Data::Int(i) => RawValue::Number(*i as f64),
        Data::Float(f) => RawValue::Number(*f),
        Data::Bool(b) => RawValue::Bool(*b),
        Data::Error(e) => RawValue::Error(e.to_string()),
        Data::DateTime(dt) => RawValue::Date(excel_serial_to_date(dt.as_f64())),
        Data::DateTimeIso(s) | Data::DurationIso(s) => RawValue::Date(s.clone()),
    }
}

/// An Excel serial date (1900 system) as `YYYY-MM-DD`.
fn excel_serial_to_date(serial: f64) -> String {
    // Outside the years 0001–9999 a serial is not a date any spreadsheet shows: say the number.
    if !serial.is_finite() || !(-693_593.0..=2_958_466.0).contains(&serial) {
        return if serial.is_finite() {
            format!("{serial:e}")
        } else {
            format!("{serial}")
        };
    }
    // Serial 25569 is 1970-01-01; days from the civil-from-days algorithm (H. Hinnant).
    let z = serial.floor() as i64 - 25569 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(cell_name(36, 10), "K37");
        assert_eq!(col_name(26), "AA");
        assert_eq!(col_name(0), "A");
    }

    #[test]
    fn serial_dates() {
        assert_eq!(excel_serial_to_date(1e300), "1e300");
        assert_eq!(excel_serial_to_date(-1e300), "-1e300");
        assert_eq!(excel_serial_to_date(f64::NAN), "NaN");
        assert_eq!(excel_serial_to_date(45292.0), "2024-01-01");
        assert_eq!(excel_serial_to_date(25569.0), "1970-01-01");
    }
}
