//! Cell helpers: calamine values turned into zona's raw values (cell names are [`zona_core::a1`]).

use calamine::{Data, ExcelDateTime, ExcelDateTimeType};
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
        Data::DateTime(dt) => RawValue::Date(datetime_text(dt)),
        Data::DateTimeIso(s) | Data::DurationIso(s) => RawValue::Date(s.clone()),
    }
}

/// A date or duration cell as the sheet shows it: a date as `YYYY-MM-DD` in the workbook's own
/// date system (1900, or 1904 for workbooks that say so: the same serial is four years and a day
/// later there), a duration or a time of day as hours, minutes and seconds. A serial outside
/// what a spreadsheet shows as a date (before its epoch, after 9999) is said as the number it is.
fn datetime_text(dt: &ExcelDateTime) -> String {
    let serial = dt.as_f64();
    if !serial.is_finite() {
        return format!("{serial}");
    }
    // A duration, or a time of day (a serial below 1: no date, only the hours).
    if dt.is_duration() || (0.0..1.0).contains(&serial) {
        if !(0.0..=1e9).contains(&serial) {
            return format!("{serial:e}");
        }
        let seconds = (serial * 86_400.0).round() as u64;
        return format!(
            "{}:{:02}:{:02}",
            seconds / 3600,
            seconds / 60 % 60,
            seconds % 60
        );
    }
    // The last serial of 9999-12-31: 2,958,465 in the 1900 system, 1,462 fewer in the 1904 one.
    // (calamine keeps the date system private; equality with the 1904 twin tells it.)
    let is_1904 = *dt == ExcelDateTime::new(serial, ExcelDateTimeType::DateTime, true);
    let last = if is_1904 { 2_957_003.0 } else { 2_958_465.0 };
    if !(1.0..last + 1.0).contains(&serial) {
        return format!("{serial:e}");
    }
    let (y, m, d, ..) = dt.to_ymd_hms_milli();
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
        let date = |serial: f64, is_1904: bool| {
            datetime_text(&ExcelDateTime::new(
                serial,
                ExcelDateTimeType::DateTime,
                is_1904,
            ))
        };
        assert_eq!(date(1e300, false), "1e300");
        assert_eq!(date(-1e300, false), "-1e300");
        assert_eq!(date(-1.0, false), "-1e0");
        assert_eq!(date(f64::NAN, false), "NaN");
        assert_eq!(date(45292.0, false), "2024-01-01");
        assert_eq!(date(45292.75, false), "2024-01-01");
        assert_eq!(date(25569.0, false), "1970-01-01");
        assert_eq!(date(61.0, false), "1900-03-01");
        assert_eq!(date(2_958_465.0, false), "9999-12-31");
        assert_eq!(date(2_958_466.0, false), "2.958466e6");
        // A workbook in the 1904 date system: the same date is 1,462 days fewer.
        assert_eq!(date(43830.0, true), "2024-01-01");
        assert_eq!(date(45292.0, true), "2028-01-02");
        assert_eq!(date(2_957_003.0, true), "9999-12-31");
        // A duration (`[h]:mm:ss`): hours past 24 are hours.
        let duration = ExcelDateTime::new(1.5, ExcelDateTimeType::TimeDelta, false);
        assert_eq!(datetime_text(&duration), "36:00:00");
        // A time of day typed in a cell formatted as a time.
        assert_eq!(date(0.75, false), "18:00:00");
        assert_eq!(
            data_to_raw(&Data::DateTime(ExcelDateTime::new(
                43830.0,
                ExcelDateTimeType::DateTime,
                true
            ))),
            RawValue::Date("2024-01-01".into())
        );
    }
}
