//! The `.xls` guard: calamine parses every sheet of a BIFF workbook when it opens it, reserving
//! memory from the sheets' `DIMENSIONS` records and building each sheet's whole range
//! (`Range::from_sparse`) from its two farthest cells. Both are sized from the file, before any
//! other zona guard runs, and an allocation failure aborts the process. So the compound file is
//! read here first, the same way calamine 0.38 reads it (`cfb.rs`, `xls.rs`), and what it would
//! allocate is estimated from the records alone; a workbook beyond [`guard::MAX_AREA`] or
//! [`guard::MEMORY_BUDGET`] is refused, as is a compound file whose sector chains loop (calamine
//! follows the directory chain without a bound).

use std::path::Path;

use crate::guard::{MAX_AREA, MEMORY_BUDGET};
use crate::ReadError;

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const RESERVED_SECTORS: u32 = 0xFFFF_FFFA;
const DIFSECT: u32 = 0xFFFF_FFFC;

/// Bytes calamine keeps per cell: a `Cell<Data>` while parsing (40), a `Data` in the range (32),
/// a `String` in the formula range (24).
const CELL_BYTES: u64 = 40;
const VALUE_BYTES: u64 = 32;
const FORMULA_BYTES: u64 = 24;

/// Whether a compound file holds a workbook (a `Workbook` or `Book` stream): an `.xls`, not an
/// encrypted Office package.
pub(crate) fn is_xls(path: &Path) -> bool {
    std::fs::read(path)
        .ok()
        .is_some_and(|data| matches!(workbook_stream(&data), Ok(Some(_))))
}

/// Checks an `.xls` (or any compound file calamine would open as one) before calamine opens it.
pub(crate) fn check(path: &Path, file: &str) -> Result<(), ReadError> {
    let data = std::fs::read(path).map_err(|e| ReadError::Open {
        file: file.to_string(),
        source: e.into(),
    })?;
    let damaged = |message: String| ReadError::Corrupt {
        file: file.to_string(),
        message,
    };
    let stream = match workbook_stream(&data) {
        Ok(Some(s)) => s,
        // Not a workbook calamine could parse (no Workbook stream, an odd header): its own
        // error says so, before it sizes anything.
        Ok(None) => return Ok(()),
        Err(why) => return Err(damaged(why)),
    };
    let cost = scan_biff(&stream);
    if let Some((sheet, rows, cols)) = cost.widest {
        if rows.saturating_mul(cols) > MAX_AREA {
            return Err(ReadError::SheetTooLarge {
                file: file.to_string(),
                sheet,
                detail: format!("cells span {rows} × {cols} cells"),
            });
        }
    }
    if cost.bytes > MEMORY_BUDGET {
        return Err(ReadError::OverBudget {
            file: file.to_string(),
            part: format!("sheet ranges ({})", cost.what),
            estimate: cost.bytes,
            limit: MEMORY_BUDGET,
        });
    }
    Ok(())
}

fn u16_at(b: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(i..i + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(i..i + 4)?.try_into().ok()?))
}

fn u32s(b: &[u8]) -> impl Iterator<Item = u32> + '_ {
    b.chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
}

/// The compound file's sectors as calamine sees them: sector `id` starts after the header.
struct Sectors<'a> {
    data: &'a [u8],
    size: usize,
}

impl Sectors<'_> {
    /// Sector `id`, short at the end of the file (as calamine's `Sectors::get`), `None` past it.
    fn get(&self, id: u32) -> Option<&[u8]> {
        let start = (id as usize).checked_add(1)?.checked_mul(self.size)?;
        if start >= self.data.len() {
            return None;
        }
        Some(&self.data[start..(start + self.size).min(self.data.len())])
    }

    /// The bytes of a chain, at most `len`; an error when the chain loops.
    fn chain(&self, mut id: u32, fats: &[u32], len: usize) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        while id != ENDOFCHAIN {
            if !seen.insert(id) {
                return Err(format!(
                    "the compound file's sector chain loops at sector {id}"
                ));
            }
            let Some(sector) = self.get(id) else { break };
            let take = sector.len().min(len - out.len());
            out.extend_from_slice(&sector[..take]);
            if out.len() >= len {
                break;
            }
            match fats.get(id as usize) {
                Some(next) => id = *next,
                None => break,
            }
        }
        Ok(out)
    }
}

/// The `Workbook` (or `Book`) stream, read as calamine reads it. `Ok(None)` when the file is not
/// a compound file calamine would get that far in; `Err` when its chains loop.
fn workbook_stream(data: &[u8]) -> Result<Option<Vec<u8>>, String> {
    stream(data, &["Workbook", "Book"])
}

/// The kind of result zona wrote an `.xls` as, from its `zona-output` custom property
/// (LibreOffice keeps it in the `DocumentSummaryInformation` stream when it saves a report as
/// .xls: the name in the property dictionary, the value a `VT_LPSTR`).
pub(crate) fn zona_output_kind(path: &Path) -> Option<zona_core::OutputKind> {
    let data = std::fs::read(path).ok()?;
    let props = stream(&data, &["\u{5}DocumentSummaryInformation"]).ok()??;
    let name = format!("{}\0", zona_core::OutputKind::PROPERTY);
    props
        .windows(name.len())
        .position(|w| w == name.as_bytes())?;
    [
        zona_core::OutputKind::Report,
        zona_core::OutputKind::Summary,
        zona_core::OutputKind::Comparison,
        zona_core::OutputKind::EvidenceIndex,
    ]
    .into_iter()
    .find(|k| {
        // VT_LPSTR (0x1E), the length with its NUL, the text, NUL.
        let mut value = vec![0x1E, 0, 0, 0];
        value.extend_from_slice(&(k.code().len() as u32 + 1).to_le_bytes());
        value.extend_from_slice(k.code().as_bytes());
        value.push(0);
        props.windows(value.len()).any(|w| w == value.as_slice())
    })
}

/// The first of the streams `names` (compared without case) a compound file holds.
fn stream(data: &[u8], names: &[&str]) -> Result<Option<Vec<u8>>, String> {
    if data.len() < 512 {
        return Ok(None);
    }
    let size = match u16_at(data, 30) {
        Some(9) => 512,
        Some(12) => 4096,
        _ => return Ok(None),
    };
    let sectors = Sectors { data, size };
    let maxid = data.len() / size;
    let (Some(dir_start), Some(mini_fat_start), Some(mini_fat_len), Some(difat_start)) = (
        u32_at(data, 48),
        u32_at(data, 60),
        u32_at(data, 64),
        u32_at(data, 68),
    ) else {
        return Ok(None);
    };
    let mut difat: Vec<u32> = u32s(&data[76..512]).collect();
    let mut id = difat_start;
    let mut steps = 0usize;
    while id < RESERVED_SECTORS {
        steps += 1;
        if steps > maxid + 1 {
            return Ok(None); // calamine: SectorBeyondEof
        }
        let Some(sector) = sectors.get(id) else {
            return Ok(None);
        };
        difat.extend(u32s(sector));
        let Some(next) = difat.pop() else {
            return Ok(None);
        };
        id = next;
    }
    let mut fats = Vec::new();
    for id in difat.into_iter().filter(|id| *id < DIFSECT) {
        let Some(sector) = sectors.get(id) else {
            return Ok(None);
        };
        fats.extend(u32s(sector));
    }
    let dirs = sectors.chain(dir_start, &fats, usize::MAX)?;
    let dirs: Vec<(String, u32, usize)> = dirs
        .chunks_exact(128)
        .map(|d| {
            let units: Vec<u16> = d[..64]
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect();
            let mut name = String::from_utf16_lossy(&units);
            if let Some(l) = name.find('\0') {
                name.truncate(l);
            }
            let start = u32::from_le_bytes([d[116], d[117], d[118], d[119]]);
            let len = if size == 512 {
                u32::from_le_bytes([d[120], d[121], d[122], d[123]]) as usize
            } else {
                u64::from_le_bytes(d[120..128].try_into().unwrap_or([0; 8])) as usize
            };
            (name, start, len)
        })
        .collect();
    let Some(root) = dirs.first() else {
        return Ok(None);
    };
    let find = |want: &str| {
        dirs.iter()
            .find(|(n, _, _)| n.eq_ignore_ascii_case(want))
            .cloned()
    };
    let Some((_, start, len)) = names.iter().find_map(|n| find(n)) else {
        return Ok(None);
    };
    if len >= 4096 {
        return sectors.chain(start, &fats, len).map(Some);
    }
    // A small stream lives in the mini stream (64-byte sectors), itself a chain of the root.
    if mini_fat_len == 0 {
        return Ok(Some(Vec::new()));
    }
    let ministream = sectors.chain(root.1, &fats, root.2)?;
    let minifat: Vec<u32> = u32s(&sectors.chain(
        mini_fat_start,
        &fats,
        (mini_fat_len as usize).saturating_mul(size),
    )?)
    .collect();
    let mut out = Vec::new();
    let mut id = start;
    let mut seen = std::collections::HashSet::new();
    while id != ENDOFCHAIN && out.len() < len {
        if !seen.insert(id) {
            return Err(format!(
                "the compound file's mini-sector chain loops at {id}"
            ));
        }
        let at = (id as usize).saturating_mul(64);
        let Some(sector) = ministream.get(at..(at + 64).min(ministream.len())) else {
            break;
        };
        let take = sector.len().min(len - out.len());
        out.extend_from_slice(&sector[..take]);
        match minifat.get(id as usize) {
            Some(next) => id = *next,
            None => break,
        }
    }
    Ok(Some(out))
}

/// What calamine would allocate for a workbook stream's sheets.
struct Cost {
    bytes: u64,
    what: String,
    /// The sheet whose range is largest, with its rows and columns.
    widest: Option<(String, u64, u64)>,
}

/// Rows and columns a set of cell positions spans.
#[derive(Default, Clone, Copy)]
struct Span(Option<(u32, u32, u32, u32)>);

impl Span {
    fn add(&mut self, r: u32, c: u32) {
        let (r0, r1, c0, c1) = self.0.unwrap_or((r, r, c, c));
        self.0 = Some((r0.min(r), r1.max(r), c0.min(c), c1.max(c)));
    }

    fn dims(self) -> (u64, u64) {
        self.0.map_or((0, 0), |(r0, r1, c0, c1)| {
            (u64::from(r1 - r0) + 1, u64::from(c1 - c0) + 1)
        })
    }
}

/// Walks the records calamine's `parse_workbook` reads: the globals (sheet offsets, shared
/// strings) and, for each sheet, the records it turns into cells, until the sheet's EOF.
fn scan_biff(stream: &[u8]) -> Cost {
    let records = |from: usize| Records {
        stream: stream.get(from..).unwrap_or(&[]),
    };
    let mut sheets: Vec<(usize, String)> = Vec::new();
    let mut bytes: u64 = 0;
    let mut what = Vec::new();
    for (typ, data, cont) in records(0) {
        match typ {
            0x0085 => {
                if let Some(pos) = u32_at(data, 0) {
                    let name =
                        sheet_name(data).unwrap_or_else(|| format!("sheet {}", sheets.len() + 1));
                    sheets.push((pos as usize, name));
                }
            }
            // SST: every string (at least 3 bytes in the file) is a `String`.
            0x00FC => {
                let n = (data.len() as u64 + cont) / 3;
                bytes = bytes.saturating_add(n.saturating_mul(24 + 8));
            }
            0x000A => break,
            _ => (),
        }
    }
    if bytes > MEMORY_BUDGET / 4 {
        what.push("shared strings".to_string());
    }
    let mut widest: Option<(String, u64, u64)> = None;
    for (pos, name) in sheets {
        let mut values = Span::default();
        let mut formulas = Span::default();
        let mut cells: u64 = 0;
        let mut reserve: u64 = 0;
        let mut merged: u64 = 0;
        let mut depth = 0usize;
        let mut seen_bof = false;
        let mut fmla = (0u32, 0u32);
        for (typ, data, _) in records(pos) {
            if depth > 0 {
                match typ {
                    0x0809 => depth += 1,
                    0x000A => depth -= 1,
                    _ => (),
                }
                continue;
            }
            let at = |data: &[u8]| Some((u32::from(u16_at(data, 0)?), u32::from(u16_at(data, 2)?)));
            match typ {
                0x0809 => {
                    if seen_bof {
                        depth += 1;
                    } else {
                        seen_bof = true;
                    }
                }
                0x0200 => {
                    let dims = match data.len() {
                        10 => (0..4)
                            .map(|i| u16_at(data, i * 2).map(u32::from))
                            .collect::<Option<Vec<_>>>(),
                        14 | 16 => Some(vec![
                            u32_at(data, 0).unwrap_or(0),
                            u32_at(data, 4).unwrap_or(0),
                            u32::from(u16_at(data, 8).unwrap_or(0)),
                            u32::from(u16_at(data, 10).unwrap_or(0)),
                        ]),
                        _ => None,
                    };
                    if let Some(d) = dims {
                        let (rf, rl, mut cf, cl) = (d[0], d[1], d[2], d[3]);
                        if cf > 0xFF || cl < cf {
                            cf = 0;
                        }
                        let (rows, cols) = if rl >= 1 && cl >= 1 {
                            // calamine computes `end - start + 1` in u32: an end before the
                            // start wraps to about 4 billion.
                            (
                                u64::from((rl - 1).wrapping_sub(rf).wrapping_add(1)),
                                u64::from((cl - 1).wrapping_sub(cf).wrapping_add(1)),
                            )
                        } else {
                            (1, 1)
                        };
                        reserve = reserve.max(rows.saturating_mul(cols).saturating_mul(CELL_BYTES));
                    }
                }
                0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD => {
                    if let Some((r, c)) = at(data) {
                        values.add(r, c);
                        cells += 1;
                    }
                }
                0x0207 => {
                    values.add(fmla.0, fmla.1);
                    cells += 1;
                }
                0x00BD => {
                    if let (Some((r, c0)), Some(c1)) = (
                        at(data),
                        data.len().checked_sub(2).and_then(|i| u16_at(data, i)),
                    ) {
                        let c1 = u32::from(c1);
                        if c1 >= c0 && data.len() == 6 + 6 * (c1 - c0 + 1) as usize {
                            values.add(r, c0);
                            values.add(r, c1);
                            cells += u64::from(c1 - c0 + 1);
                        }
                    }
                }
                0x00E5 => {
                    merged += u64::from(u16_at(data, 0).unwrap_or(0));
                }
                0x0006 if data.len() >= 20 => {
                    if let Some((r, c)) = at(data) {
                        fmla = (r, c);
                        values.add(r, c);
                        formulas.add(r, c);
                        cells += 2;
                    }
                }
                0x000A => break,
                _ => (),
            }
        }
        let (vr, vc) = values.dims();
        let (fr, fc) = formulas.dims();
        let ranges = vr
            .saturating_mul(vc)
            .saturating_mul(VALUE_BYTES)
            .saturating_add(fr.saturating_mul(fc).saturating_mul(FORMULA_BYTES));
        // The cells while parsing (or what DIMENSIONS reserved for them), then the ranges; zona
        // takes a copy of a sheet's range when it loads it.
        let sheet_bytes = reserve
            .max(cells.saturating_mul(CELL_BYTES))
            .saturating_add(ranges.saturating_mul(2))
            .saturating_add(merged.saturating_mul(16));
        if sheet_bytes > MEMORY_BUDGET / 4 {
            what.push(name.clone());
        }
        bytes = bytes.saturating_add(sheet_bytes);
        let area = vr.saturating_mul(vc).max(fr.saturating_mul(fc));
        if widest
            .as_ref()
            .is_none_or(|(_, r, c)| area > r.saturating_mul(*c))
        {
            let (r, c) = if vr.saturating_mul(vc) >= fr.saturating_mul(fc) {
                (vr, vc)
            } else {
                (fr, fc)
            };
            widest = Some((name, r, c));
        }
    }
    Cost {
        bytes,
        what: if what.is_empty() {
            "every sheet".to_string()
        } else {
            what.join(", ")
        },
        widest,
    }
}

/// The name a BIFF8 `BoundSheet8` record gives its sheet (a short string: length, flags, then
/// Latin-1 bytes or UTF-16).
fn sheet_name(data: &[u8]) -> Option<String> {
    let cch = usize::from(*data.get(6)?);
    let wide = data.get(7)? & 1 == 1;
    let rest = data.get(8..)?;
    let name = if wide {
        let units: Vec<u16> = rest
            .get(..cch * 2)?
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        rest.get(..cch)?.iter().map(|b| char::from(*b)).collect()
    };
    (!name.is_empty()).then_some(name)
}

/// BIFF records as calamine's `RecordIter` splits them: type, data, and the length of the
/// CONTINUE records that follow. Stops at the first record that does not fit.
struct Records<'a> {
    stream: &'a [u8],
}

impl<'a> Iterator for Records<'a> {
    type Item = (u16, &'a [u8], u64);

    fn next(&mut self) -> Option<Self::Item> {
        let typ = u16_at(self.stream, 0)?;
        let len = usize::from(u16_at(self.stream, 2)?);
        let data = self.stream.get(4..4 + len)?;
        self.stream = &self.stream[4 + len..];
        let mut cont = 0u64;
        while u16_at(self.stream, 0) == Some(0x003C) && self.stream.len() > 4 {
            let l = usize::from(u16_at(self.stream, 2)?);
            if self.stream.len() < 4 + l {
                break;
            }
            cont += l as u64;
            self.stream = &self.stream[4 + l..];
        }
        Some((typ, data, cont))
    }
}

/// Rows (0-based) and column spans the sheets of an `.xls` hide, by sheet name: the `ROW`
/// records whose `fDyZero` flag is set (0x0020 of `grbit`) and the `COLINFO` records whose
/// `fHidden` flag is (0x0001). calamine's ranges do not say; an evaluator does not see them.
/// Empty when the file cannot be read this way (the readers say why).
pub(crate) fn hidden_by_sheet(path: &Path) -> Vec<(String, crate::book::Hidden)> {
    let Ok(data) = std::fs::read(path) else {
        return Vec::new();
    };
    let Ok(Some(stream)) = workbook_stream(&data) else {
        return Vec::new();
    };
    let records = |from: usize| Records {
        stream: stream.get(from..).unwrap_or(&[]),
    };
    let mut sheets: Vec<(usize, String)> = Vec::new();
    for (typ, data, _) in records(0) {
        match typ {
            0x0085 => {
                if let (Some(pos), Some(name)) = (u32_at(data, 0), sheet_name(data)) {
                    sheets.push((pos as usize, name));
                }
            }
            0x000A => break,
            _ => (),
        }
    }
    let mut out = Vec::new();
    for (pos, name) in sheets {
        let (mut rows, mut cols) = (Vec::new(), Vec::new());
        let (mut depth, mut seen_bof) = (0usize, false);
        for (typ, data, _) in records(pos) {
            match typ {
                0x0809 if seen_bof => depth += 1,
                0x0809 => seen_bof = true,
                0x000A if depth > 0 => depth -= 1,
                0x000A => break,
                _ if depth > 0 => {}
                // ROW: rw, colMic, colMac, miyRw, irwMac, reserved, grbit.
                0x0208 => {
                    if let (Some(r), Some(flags)) = (u16_at(data, 0), u16_at(data, 12)) {
                        if flags & 0x0020 != 0 {
                            rows.push(u32::from(r));
                        }
                    }
                }
                // COLINFO: colFirst, colLast, coldx, ixfe, grbit.
                0x007D => {
                    if let (Some(a), Some(b), Some(flags)) =
                        (u16_at(data, 0), u16_at(data, 2), u16_at(data, 8))
                    {
                        if flags & 0x0001 != 0 && a <= b {
                            cols.push((u32::from(a), u32::from(b.min(255))));
                        }
                    }
                }
                _ => {}
            }
        }
        if !rows.is_empty() || !cols.is_empty() {
            out.push((name, crate::book::Hidden::new(rows, cols)));
        }
    }
    out
}
