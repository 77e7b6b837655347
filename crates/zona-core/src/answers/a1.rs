//! A1 cell names (`K37`, `AA1`): how a [`crate::answer::Location`] names a cell, and how every
//! adapter writes one.

/// Column letters of a 0-based column index: 0 → A, 26 → AA.
pub fn col_name(col: u32) -> String {
    let mut n = col + 1;
    let mut s = Vec::new();
    while n > 0 {
        let r = ((n - 1) % 26) as u8;
        s.push(b'A' + r);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// A1-style name of a 0-based (row, col).
pub fn cell_name(row: u32, col: u32) -> String {
    format!("{}{}", col_name(col), row + 1)
}
