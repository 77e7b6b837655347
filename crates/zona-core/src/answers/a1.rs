//! A1 cell names (`K37`, `AA1`): how a [`crate::answer::Location`] names a cell, and how every
//! adapter writes one. A reader names thousands of cells a workbook, so these build the name
//! directly, without the formatting machinery.

/// Column letters of a 0-based column index: 0 → A, 26 → AA.
pub fn col_name(col: u32) -> String {
    let mut s = String::with_capacity(3);
    push_col(&mut s, col);
    s
}

/// A1-style name of a 0-based (row, col).
pub fn cell_name(row: u32, col: u32) -> String {
    let mut s = String::with_capacity(10);
    push_col(&mut s, col);
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    let mut n = u64::from(row) + 1;
    while n > 0 {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    for d in &digits[i..] {
        s.push(char::from(*d));
    }
    s
}

fn push_col(s: &mut String, col: u32) {
    let mut letters = [0u8; 8];
    let mut i = letters.len();
    let mut n = u64::from(col) + 1;
    while n > 0 {
        i -= 1;
        letters[i] = b'A' + ((n - 1) % 26) as u8;
        n = (n - 1) / 26;
    }
    for l in &letters[i..] {
        s.push(char::from(*l));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(col_name(0), "A");
        assert_eq!(col_name(25), "Z");
        assert_eq!(col_name(26), "AA");
        assert_eq!(col_name(701), "ZZ");
        assert_eq!(col_name(702), "AAA");
        assert_eq!(col_name(16_383), "XFD");
        assert_eq!(cell_name(36, 10), "K37");
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(1_048_575, 16_383), "XFD1048576");
        // The largest indices a hostile file can name do not overflow.
        assert_eq!(cell_name(u32::MAX, 0), "A4294967296");
        assert_eq!(col_name(u32::MAX), "MWLQKWV");
    }
}
