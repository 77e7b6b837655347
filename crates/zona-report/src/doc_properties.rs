//! The document properties every workbook of this crate carries, and its fixed creation date.
//!
//! rust_xlsxwriter stores the time of writing as the creation time unless told otherwise; every
//! writer here stores a fixed date instead ([`CREATION_DATE`] unless its options say another), so
//! that the same input gives the same bytes.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, XlsxError};

/// The creation date (year, month, day; midnight UTC) every writer stores by default: fixed, so
/// that the same input gives the same bytes.
pub const CREATION_DATE: (u16, u8, u8) = (2000, 1, 1);

/// `props` with the creation datetime set to midnight UTC of `date` (year, month, day).
pub(crate) fn created_on(
    props: DocProperties,
    (year, month, day): (u16, u8, u8),
) -> Result<DocProperties, XlsxError> {
    Ok(props.set_creation_datetime(&ExcelDateTime::from_ymd(year, month, day)?))
}

/// `props` marked as a result zona wrote ([`zona_core::OutputKind`]): a batch over the folder
/// later passes the workbook over.
pub(crate) fn zona_output(props: DocProperties, kind: zona_core::OutputKind) -> DocProperties {
    props.set_custom_property(zona_core::OutputKind::PROPERTY, kind.code())
}
